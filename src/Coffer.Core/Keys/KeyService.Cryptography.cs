using System.Security.Cryptography;
using Coffer.Core.Errors;
using Coffer.Core.KeyRing;
using Coffer.Core.Keys.Cryptography;
using Coffer.Core.Vaults;

namespace Coffer.Core.Keys;

/// <summary>
/// The cryptographic operations. Each checks the key's state and <c>key_ops</c> before unsealing its material, and
/// disposes the material (zeroing it) as soon as the operation is done.
/// </summary>
public sealed partial class KeyService
{
    public const int MaxRandomBytes = 128;

    public async Task<(KeyVersion Key, EncryptResult Result)> EncryptAsync(
        Vault vault, string name, string? version, string algorithm, byte[] plaintext, byte[]? iv, byte[]? aad, CancellationToken cancellationToken)
    {
        var (key, material) = await OpenAsync(vault, name, version, "encrypt", cancellationToken);
        using (material)
        {
            return (key, KeyCryptography.Encrypt(material, algorithm, plaintext, iv, aad));
        }
    }

    public async Task<(KeyVersion Key, byte[] Plaintext)> DecryptAsync(
        Vault vault, string name, string? version, string algorithm, byte[] ciphertext, byte[]? iv, byte[]? aad, byte[]? tag, CancellationToken cancellationToken)
    {
        var (key, material) = await OpenAsync(vault, name, version, "decrypt", cancellationToken);
        using (material)
        {
            return (key, KeyCryptography.Decrypt(material, algorithm, ciphertext, iv, aad, tag));
        }
    }

    public async Task<(KeyVersion Key, byte[] Wrapped)> WrapKeyAsync(
        Vault vault, string name, string? version, string algorithm, byte[] keyToWrap, CancellationToken cancellationToken)
    {
        var (key, material) = await OpenAsync(vault, name, version, "wrapKey", cancellationToken);
        using (material)
        {
            return (key, KeyCryptography.WrapKey(material, algorithm, keyToWrap));
        }
    }

    public async Task<(KeyVersion Key, byte[] Unwrapped)> UnwrapKeyAsync(
        Vault vault, string name, string? version, string algorithm, byte[] wrapped, CancellationToken cancellationToken)
    {
        var (key, material) = await OpenAsync(vault, name, version, "unwrapKey", cancellationToken);
        using (material)
        {
            return (key, KeyCryptography.UnwrapKey(material, algorithm, wrapped));
        }
    }

    public async Task<(KeyVersion Key, byte[] Signature)> SignAsync(
        Vault vault, string name, string? version, string algorithm, byte[] digest, CancellationToken cancellationToken)
    {
        var (key, material) = await OpenAsync(vault, name, version, "sign", cancellationToken);
        using (material)
        {
            return (key, KeyCryptography.Sign(material, algorithm, digest));
        }
    }

    public async Task<bool> VerifyAsync(
        Vault vault, string name, string? version, string algorithm, byte[] digest, byte[] signature, CancellationToken cancellationToken)
    {
        var (_, material) = await OpenAsync(vault, name, version, "verify", cancellationToken);
        using (material)
        {
            return KeyCryptography.Verify(material, algorithm, digest, signature);
        }
    }

    /// <summary>Key Vault's answer to <c>POST …/release</c>: Coffer never holds a key with a release policy.</summary>
    public async Task ReleaseAsync(Vault vault, string name, string? version, CancellationToken cancellationToken)
    {
        var key = await GetAsync(vault, name, version, cancellationToken);
        throw KeyErrors.NoReleasePolicy(key.Name);
    }

    /// <summary>Random bytes from the operating system's generator (<c>POST /rng</c>), 1 to 128 of them.</summary>
    public static byte[] GetRandomBytes(int? count)
    {
        if (count is not { } n || n is < 1 or > MaxRandomBytes)
        {
            throw CofferErrors.BadParameter($"The parameter 'count' must be between 1 and {MaxRandomBytes}.");
        }

        return RandomNumberGenerator.GetBytes(n);
    }

    /// <summary>
    /// Loads a version, refuses it as Key Vault does (an operation missing from <c>key_ops</c>, a disabled key for the
    /// private operations, outside its nbf/exp window), then unseals its material.
    /// </summary>
    private async Task<(KeyVersion Key, KeyMaterial Material)> OpenAsync(Vault vault, string name, string? version, string operation, CancellationToken cancellationToken)
    {
        var key = await GetAsync(vault, name, version, cancellationToken);
        if (!key.KeyOps.Contains(operation))
        {
            throw KeyErrors.OperationNotPermitted(operation);
        }

        if (!key.Enabled && operation is "decrypt" or "unwrapKey" or "sign")
        {
            throw KeyErrors.KeyDisabled(operation);
        }

        var now = _time.GetUtcNow();
        if (key.NotBefore is { } nbf && now < nbf)
        {
            throw KeyErrors.KeyNotYetValid(operation);
        }

        if (key.Expires is { } exp && now >= exp)
        {
            throw KeyErrors.KeyExpired(operation);
        }

        var exported = await _keyRing.DecryptAsync(vault.Id, ObjectAad.For(vault.Id, Kind, key.NameKey, key.Version), key.SealedMaterial, cancellationToken);
        try
        {
            return (key, KeyMaterial.Import(exported));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(exported);
        }
    }
}
