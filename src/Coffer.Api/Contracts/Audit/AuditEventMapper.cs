using System.Globalization;
using Coffer.Core.Audit;

namespace Coffer.Api.Contracts.Audit;

internal static class AuditEventMapper
{
    public static AuditEventRecord ToWire(AuditRecord record) => new()
    {
        Time = record.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        ResourceId = record.ResourceId,
        OperationName = record.OperationName,
        OperationVersion = record.OperationVersion,
        Category = record.Category,
        ResultType = record.ResultType,
        ResultSignature = record.ResultSignature,
        ResultDescription = record.ResultDescription,
        DurationMs = record.DurationMs.ToString(CultureInfo.InvariantCulture),
        CallerIpAddress = record.CallerIpAddress,
        CorrelationId = record.CorrelationId,
        Identity = record.Identity is { } identity ? new AuditEventIdentity { Claim = Claims(identity) } : null,
        Properties = new AuditEventProperties
        {
            Id = record.ObjectUri,
            ClientInfo = record.ClientInfo,
            RequestUri = record.RequestUri,
            HttpStatusCode = record.HttpStatusCode,
            IsRbacAuthorized = record.Authorization switch
            {
                AuditAuthorization.Rbac => true,
                AuditAuthorization.AccessPolicy => false,
                _ => null,
            },
            AuditChain = new AuditEventChain { ChainId = record.ChainId, Sequence = record.Sequence, PreviousHash = record.PreviousHash, Hash = record.Hash },
        },
    };

    private static Dictionary<string, string> Claims(AuditIdentity identity)
    {
        var claims = new Dictionary<string, string>(4, StringComparer.Ordinal);
        Add(claims, AuditEventIdentity.ObjectIdClaim, identity.ObjectId);
        Add(claims, AuditEventIdentity.AppIdClaim, identity.ApplicationId);
        Add(claims, AuditEventIdentity.UpnClaim, identity.UserPrincipalName);
        Add(claims, AuditEventIdentity.TenantIdClaim, identity.TenantId);
        return claims;
    }

    private static void Add(Dictionary<string, string> claims, string name, string? value)
    {
        if (value is not null)
        {
            claims[name] = value;
        }
    }
}
