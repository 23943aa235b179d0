using Coffer.Core.Errors;
using Coffer.Core.Keys.Cryptography;
using Coffer.Core.Vaults;

namespace Coffer.Core.Keys;

/// <summary>Rotation on demand, rotation policies and the work of the rotation job.</summary>
public sealed partial class KeyService
{
    /// <summary>Generates a new version of the same type, size or curve, operations and tags; the policy's <c>expiryTime</c> sets its <c>exp</c>.</summary>
    public async Task<KeyVersion> RotateAsync(Vault vault, string name, CancellationToken cancellationToken)
    {
        var latest = await GetAsync(vault, name, null, cancellationToken);
        var policy = await _store.GetRotationPolicyAsync(vault.Id, latest.NameKey, cancellationToken);
        var rotated = await RotateAsync(latest, policy, ifLatest: null, cancellationToken) ?? throw KeyErrors.KeyNotFound(name);
        Log.KeyRotated(_logger, vault.Name, rotated.Name, rotated.Version);
        return rotated;
    }

    /// <summary>The key's policy, or Key Vault's default (notify 30 days before expiry) when none was set.</summary>
    public async Task<KeyRotationPolicy> GetRotationPolicyAsync(Vault vault, string name, CancellationToken cancellationToken)
    {
        var latest = await GetAsync(vault, name, null, cancellationToken);
        return await _store.GetRotationPolicyAsync(vault.Id, latest.NameKey, cancellationToken) ?? KeyRotationPolicy.Default;
    }

    public async Task<KeyRotationPolicy> SetRotationPolicyAsync(
        Vault vault, string name, IReadOnlyList<LifetimeAction>? actions, string? expiryTime, CancellationToken cancellationToken)
    {
        var latest = await GetAsync(vault, name, null, cancellationToken);
        var existing = await _store.GetRotationPolicyAsync(vault.Id, latest.NameKey, cancellationToken);
        var policy = KeyRotationRules.Validate(actions, expiryTime, Now(), existing?.Created);
        if (!await _store.SetRotationPolicyAsync(vault.Id, latest.NameKey, policy, cancellationToken))
        {
            throw KeyErrors.KeyNotFound(name);
        }

        Log.KeyRotationPolicySet(_logger, vault.Name, latest.Name);
        return policy;
    }

    /// <summary>
    /// One pass of the rotation job: records each <c>Notify</c> moment that has come (once per version) and rotates each
    /// key whose <c>Rotate</c> moment has come. A key that fails is logged and left for the next pass.
    /// </summary>
    public async Task<(int Rotated, int Notified)> RunRotationPoliciesAsync(CancellationToken cancellationToken)
    {
        var now = Now();
        int rotated = 0, notified = 0;
        foreach (var (latest, policy) in await _store.ListWithRotationPolicyAsync(cancellationToken))
        {
            try
            {
                if (KeyRotationSchedule.NotifyDue(policy, latest, now) is { } moment
                    && await _store.AddNotificationAsync(
                        new KeyNotification(latest.VaultId, latest.Name, latest.Version, KeyNotification.NearExpiry, moment, latest.Expires, now), cancellationToken))
                {
                    notified++;
                    Log.KeyNearExpiryRecorded(_logger, latest.VaultId, latest.Name, latest.Version);
                }

                if (KeyRotationSchedule.RotationDue(policy, latest, now)
                    && await RotateAsync(latest, policy, ifLatest: latest.Version, cancellationToken) is { } version)
                {
                    rotated++;
                    Log.KeyRotatedByPolicy(_logger, latest.VaultId, version.Name, version.Version);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.KeyRotationFailed(_logger, latest.VaultId, latest.Name, e);
            }
        }

        return (rotated, notified);
    }

    private async Task<KeyVersion?> RotateAsync(KeyVersion latest, KeyRotationPolicy? policy, string? ifLatest, CancellationToken cancellationToken)
    {
        var baseType = KeyTypeRules.Base(latest.KeyType);
        using var material = KeyGenerator.Generate(
            latest.KeyType,
            baseType == "EC" ? null : latest.KeySize,
            latest.PublicKey.Curve,
            baseType == "RSA" ? PublicExponentOf(latest.PublicKey.E) : null);
        var properties = new KeyChanges(Enabled: true, Expires: policy is null ? null : KeyRotationSchedule.ExpiryOfNewVersion(policy, Now()), Tags: latest.Tags);
        return await AddAsync(latest.VaultId, latest.Name, latest.KeyType, latest.KeyOps, properties, material, ifLatest, cancellationToken);
    }

    private static int? PublicExponentOf(byte[]? e)
    {
        if (e is null || e.Length is 0 or > 4)
        {
            return null;
        }

        var value = 0;
        foreach (var b in e)
        {
            value = (value << 8) | b;
        }

        return value;
    }
}
