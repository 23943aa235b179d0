using System.Security.Cryptography;
using System.Text;
using Coffer.Core.Crypto;
using Coffer.Core.Errors;

namespace Coffer.Core.KeyRing;

/// <summary>
/// Seals backup blobs with a key derived from the root key: a blob restores into any vault of the same
/// deployment (as Key Vault restores within a subscription) and nowhere else.
/// </summary>
public sealed class BackupProtector
{
    private readonly byte[] _key;
    private readonly Guid _keyId;

    public BackupProtector(RootKey rootKey)
    {
        _key = rootKey.DeriveKey("coffer/backup/v1");
        _keyId = rootKey.Id;
    }

    public byte[] Protect(string kind, ReadOnlySpan<byte> plaintext) => Envelope.Seal(_key, _keyId, plaintext, Aad(kind));

    public byte[] Unprotect(string kind, ReadOnlySpan<byte> blob)
    {
        try
        {
            if (Envelope.ReadKeyId(blob) != _keyId)
            {
                throw Invalid();
            }

            return Envelope.Open(_key, blob, Aad(kind));
        }
        catch (CryptographicException)
        {
            throw Invalid();
        }
    }

    private static byte[] Aad(string kind) => Encoding.UTF8.GetBytes("coffer/backup/" + kind);

    private static CofferException Invalid() =>
        CofferErrors.BadParameter("The parameter 'value' is not a valid backup blob: it is damaged, of another kind, or from another Coffer deployment.");
}
