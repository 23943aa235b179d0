using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Coffer.Core.Crypto;

namespace Coffer.Core.Identity;

/// <summary>Issues RS256 JWT access tokens signed with the current key of the <see cref="SigningKeyRing"/>.</summary>
public sealed class TokenIssuer
{
    /// <summary>
    /// The id of the credential a token was issued against, so <see cref="TokenValidator"/> can refuse it once the
    /// credential is revoked. Coffer's own claim; other verifiers ignore it.
    /// </summary>
    public const string CredentialIdClaim = "xms_cid";

    private readonly SigningKeyRing _keys;
    private readonly TokenAuthority _authority;
    private readonly TimeProvider _time;

    public TokenIssuer(SigningKeyRing keys, TokenAuthority authority, TimeProvider time)
    {
        _keys = keys;
        _authority = authority;
        _time = time;
    }

    public IssuedToken Issue(ManagedIdentity identity, string audience) =>
        Issue(new TokenSubject(identity.PrincipalId, identity.ClientId), audience);

    public IssuedToken Issue(TokenSubject subject, string audience)
    {
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
            w.WriteString("iss", _authority.Issuer);
            w.WriteNumber("iat", now.ToUnixTimeSeconds());
            w.WriteNumber("nbf", now.ToUnixTimeSeconds());
            w.WriteNumber("exp", expires.ToUnixTimeSeconds());
            w.WriteString("appid", subject.AppId.ToString("D"));
            w.WriteString("appidacr", "2");
            w.WriteString("azp", subject.AppId.ToString("D"));
            w.WriteString("idp", _authority.Issuer);
            w.WriteString("idtyp", "app");
            w.WriteString("oid", subject.ObjectId.ToString("D"));
            w.WriteString("sub", subject.ObjectId.ToString("D"));
            w.WriteString("tid", _authority.TenantId.ToString("D"));
            w.WriteString("ver", "1.0");
            if (subject.ManagedIdentityResourceId is { } resourceId)
            {
                w.WriteString("xms_mirid", resourceId);
            }

            if (subject.CredentialId is { } credentialId)
            {
                w.WriteString(CredentialIdClaim, credentialId);
            }
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
