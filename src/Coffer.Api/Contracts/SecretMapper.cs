using Coffer.Core.Secrets;
using Coffer.Core.Vaults;
using CoreAttributes = Coffer.Core.Secrets.SecretAttributes;

namespace Coffer.Api.Contracts;

/// <summary>Maps between Core's secret records and the wire contracts.</summary>
internal static class SecretMapper
{
    private const string Collection = "secrets";

    public static SecretBundle ToBundle(SecretVersion secret, string? value, Vault vault, string vaultUri) => new()
    {
        Value = value,
        Id = ObjectIdentifier.Create(vaultUri, Collection, secret.Name, secret.Version),
        ContentType = secret.ContentType,
        Attributes = ToAttributes(secret, vault),
        Tags = secret.Tags,
    };

    public static DeletedSecretBundle ToDeletedBundle(DeletedSecret deleted, Vault vault, string vaultUri)
    {
        var secret = deleted.Latest;
        return new DeletedSecretBundle
        {
            Id = ObjectIdentifier.Create(vaultUri, Collection, secret.Name, secret.Version),
            ContentType = secret.ContentType,
            Attributes = ToAttributes(secret, vault),
            Tags = secret.Tags,
            RecoveryId = ObjectIdentifier.Deleted(vaultUri, Collection, secret.Name),
            DeletedDate = deleted.DeletedOn,
            ScheduledPurgeDate = deleted.ScheduledPurge,
        };
    }

    /// <summary>An item of <c>GET /secrets</c> (base id) or of <c>…/versions</c> (versioned id).</summary>
    public static SecretItem ToItem(SecretVersion secret, Vault vault, string vaultUri, bool withVersion) => new()
    {
        Id = ObjectIdentifier.Create(vaultUri, Collection, secret.Name, withVersion ? secret.Version : null),
        Attributes = ToAttributes(secret, vault),
        Tags = secret.Tags,
        ContentType = secret.ContentType,
    };

    public static DeletedSecretItem ToDeletedItem(DeletedSecret deleted, Vault vault, string vaultUri)
    {
        var secret = deleted.Latest;
        return new DeletedSecretItem
        {
            Id = ObjectIdentifier.Create(vaultUri, Collection, secret.Name),
            Attributes = ToAttributes(secret, vault),
            Tags = secret.Tags,
            ContentType = secret.ContentType,
            RecoveryId = ObjectIdentifier.Deleted(vaultUri, Collection, secret.Name),
            DeletedDate = deleted.DeletedOn,
            ScheduledPurgeDate = deleted.ScheduledPurge,
        };
    }

    public static CoreAttributes ToCore(SecretAttributes? attributes, string? contentType, IReadOnlyDictionary<string, string>? tags) =>
        new(attributes?.Enabled, attributes?.NotBefore, attributes?.Expires, contentType, tags);

    private static SecretAttributes ToAttributes(SecretVersion secret, Vault vault) => new()
    {
        Enabled = secret.Enabled,
        NotBefore = secret.NotBefore,
        Expires = secret.Expires,
        Created = secret.Created,
        Updated = secret.Updated,
        RecoverableDays = vault.RetentionDays,
        RecoveryLevel = vault.RecoveryLevel,
    };
}
