using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Coffer.Core.Crypto;

namespace Coffer.Core.Identity;

/// <summary>
/// Issues RS256 JWT access tokens signed with the current key of the <see cref="SigningKeyRing"/>, with the claims
/// Entra writes in an application token, plus <see cref="CredentialIdClaim"/> so revoking the credential revokes the token.
/// </summary>
public sealed class TokenIssuer
{
    /// <summary>Coffer's private claim naming the credential a token was issued against (see <see cref="CredentialDirectory"/>).</summary>
    public const string CredentialIdClaim = "coffer_credential_id";

    private readonly SigningKeyRing _keys;
    private readonly TokenAuthority _authority;
    private readonly TimeProvider _time;

    public TokenIssuer(SigningKeyRing keys, TokenAuthority authority, TimeProvider time)
    {
        _keys = keys;
        _authority = authority;
        _time = time;
    }

    /// <summary>The tenant its tokens name (<c>tid</c>).</summary>
    public Guid TenantId => _authority.TenantId;

    /// <summary>A managed identity's token, against its one workload credential (registered by <see cref="IdentityService"/>).</summary>
    public IssuedToken Issue(ManagedIdentity identity, string audience)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return Issue(new TokenSubject(identity.PrincipalId, identity.ClientId, IdentityService.CredentialIdOf(identity)), audience);
    }

    /// <summary>A token from the default issuer, <see cref="TokenAuthority.Issuer"/>.</summary>
    public IssuedToken Issue(TokenSubject subject, string audience) => Issue(subject, audience, _authority.Issuer);

    /// <summary>A token whose <c>iss</c> is <paramref name="issuer"/>, one of the authority's own issuers (the one the client asked through).</summary>
    public IssuedToken Issue(TokenSubject subject, string audience, string issuer)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (string.IsNullOrEmpty(subject.CredentialId))
        {
            throw new ArgumentException("Every token must name the credential it was issued against, or it could not be revoked.", nameof(subject));
        }

        if (!_authority.IsOwnIssuer(issuer))
        {
            throw new ArgumentException($"'{issuer}' is not one of this authority's issuers.", nameof(issuer));
        }

        var v2 = string.Equals(issuer, _authority.Issuer, StringComparison.Ordinal);
        var appId = subject.AppId.ToString("D");
        var acr = ((int)subject.Authentication).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var now = _time.GetUtcNow();
        var expires = now + _authority.Lifetime;
        var (keyId, key) = _keys.Current;

        var header = Json(w =>
        {
            w.WriteString("alg", "RS256");
            w.WriteString("kid", keyId);
            w.WriteString("typ", "JWT");
        });
        var payload = Json(w =>
        {
            w.WriteString("aud", audience);
            w.WriteString("iss", issuer);
            w.WriteNumber("iat", now.ToUnixTimeSeconds());
            w.WriteNumber("nbf", now.ToUnixTimeSeconds());
            w.WriteNumber("exp", expires.ToUnixTimeSeconds());
            w.WriteString("appid", appId);
            w.WriteString("appidacr", acr);
            w.WriteString("azp", appId);
            w.WriteString("azpacr", acr);
            w.WriteString("idp", issuer);
            w.WriteString("idtyp", "app");
            w.WriteString("oid", subject.ObjectId.ToString("D"));
            w.WriteString("sub", subject.ObjectId.ToString("D"));
            w.WriteString("tid", _authority.TenantId.ToString("D"));
            // A unique token id, as Entra's uti: tokens issued in the same second still differ.
            w.WriteString("uti", Base64Url.Encode(RandomNumberGenerator.GetBytes(16)));
            // The v2 endpoint's tokens say 2.0; the ADFS-style endpoint is a v1 endpoint.
            w.WriteString("ver", v2 ? "2.0" : "1.0");
            if (subject.ManagedIdentityResourceId is { } resourceId)
            {
                w.WriteString("xms_mirid", resourceId);
            }

            w.WriteString(CredentialIdClaim, subject.CredentialId);
        });

        var signingInput = Base64Url.Encode(header) + "." + Base64Url.Encode(payload);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return new IssuedToken(signingInput + "." + Base64Url.Encode(signature), now, expires);
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
