using System.Security.Cryptography;
using System.Text;

namespace Coffer.Core.Identity.External;

/// <summary>
/// The object id of an external principal. Role assignments name principals by GUID, so a token's <c>oid</c> (or a
/// <c>sub</c> that is a GUID) is used as it is; any other <c>sub</c> (Keycloak's, Google's) becomes a stable GUID.
/// </summary>
public static class ExternalSubject
{
    /// <summary>
    /// The derived id: the first 16 bytes of SHA-256 over <c>"coffer-external-subject\n{issuer}\n{sub}"</c> (UTF-8),
    /// read big-endian as an RFC 9562 version 8 UUID. Two issuers with the same <c>sub</c> get different ids.
    /// </summary>
    public static Guid Derive(string issuer, string subject)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("coffer-external-subject\n" + issuer + "\n" + subject), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: custom
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // the RFC variant
        return new Guid(bytes, bigEndian: true);
    }
}
