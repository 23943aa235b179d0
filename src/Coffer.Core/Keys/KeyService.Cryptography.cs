using System.Security.Cryptography;
using Coffer.Core.Errors;
using Coffer.Core.KeyRing;
using Coffer.Core.Keys.Cryptography;
using Coffer.Core.Vaults;

namespace Coffer.Core.Keys;

/// <summary>
/// The cryptographic operations. Each reads the key and checks its state and <c>key_ops</c> before using its material,
/// which comes unsealed from <see cref="OpenedKeyCache"/> (bounded, see there) or is unsealed and added to it.
/// </summary>
public sealed partial class KeyService
{
    public const int MaxRandomBytes = 128;

    public async Task<(KeyVersion Key, EncryptResult Result)> EncryptAsync(
        Vault vault, string name, string? version, string algorithm, byte[] plaintext, byte[]? iv, byte[]? aad, CancellationToken cancellationToken)
    {
        var (key, lease) = await OpenAsync(vault, name, version, "encrypt", cancellationToken);
        using (lease)
        {
            return (key, KeyCryptography.Encrypt(lease.Material, algorithm, plaintext, iv, aad));
        }
    }

    public async Task<(KeyVersion Key, byte[] Plaintext)> DecryptAsync(
        Vault vault, string name, string? version, string algorithm, byte[] ciphertext, byte[]? iv, byte[]? aad, byte[]? tag, CancellationToken cancellationToken)
    {
        var (key, lease) = await OpenAsync(vault, name, version, "decrypt", cancellationToken);
        using (lease)
        {
            return (key, KeyCryptography.Decrypt(lease.Material, algorithm, ciphertext, iv, aad, tag));
        }
    }

    public async Task<(KeyVersion Key, byte[] Wrapped)> WrapKeyAsync(
        Vault vault, string name, string? version, string algorithm, byte[] keyToWrap, CancellationToken cancellationToken)
    {
        var (key, lease) = await OpenAsync(vault, name, version, "wrapKey", cancellationToken);
        using (lease)
        {
            return (key, KeyCryptography.WrapKey(lease.Material, algorithm, keyToWrap));
        }
    }

    public async Task<(KeyVersion Key, byte[] Unwrapped)> UnwrapKeyAsync(
        Vault vault, string name, string? version, string algorithm, byte[] wrapped, CancellationToken cancellationToken)
    {
        var (key, lease) = await OpenAsync(vault, name, version, "unwrapKey", cancellationToken);
        using (lease)
        {
            return (key, KeyCryptography.UnwrapKey(lease.Material, algorithm, wrapped));
        }
    }

    public async Task<(KeyVersion Key, byte[] Signature)> SignAsync(
        Vault vault, string name, string? version, string algorithm, byte[] digest, CancellationToken cancellationToken)
    {
        var (key, lease) = await OpenAsync(vault, name, version, "sign", cancellationToken);
        using (lease)
        {
            return (key, KeyCryptography.Sign(lease.Material, algorithm, digest));
        }
    }

    public async Task<bool> VerifyAsync(
        Vault vault, string name, string? version, string algorithm, byte[] digest, byte[] signature, CancellationToken cancellationToken)
    {
        var (_, lease) = await OpenAsync(vault, name, version, "verify", cancellationToken);
        using (lease)
        {
            return KeyCryptography.Verify(lease.Material, algorithm, digest, signature);
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
    /// private operations, outside its nbf/exp window), then leases its unsealed material.
    /// </summary>
    private async Task<(KeyVersion Key, OpenedKeyCache.Lease Lease)> OpenAsync(Vault vault, string name, string? version, string operation, CancellationToken cancellationToken)
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

        if (_opened.TryRent(vault.Id, key.NameKey, key.Version, key.SealedMaterial) is { } cached)
        {
            return (key, cached);
        }

        var exported = await _keyRing.DecryptAsync(vault.Id, ObjectAad.For(vault.Id, Kind, key.NameKey, key.Version), key.SealedMaterial, cancellationToken);
        try
        {
            return (key, _opened.Add(vault.Id, key.NameKey, key.Version, key.SealedMaterial, KeyMaterial.Import(exported)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(exported);
        }
    }
}
