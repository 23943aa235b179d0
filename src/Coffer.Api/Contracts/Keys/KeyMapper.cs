using Coffer.Core.Crypto;
using Coffer.Core.Errors;
using Coffer.Core.Keys;
using Coffer.Core.Keys.Cryptography;
using Coffer.Core.Vaults;
using CorePolicy = Coffer.Core.Keys.KeyRotationPolicy;

namespace Coffer.Api.Contracts.Keys;

/// <summary>Maps between Core's key records and the wire contracts. Only public parts ever reach a response.</summary>
internal static class KeyMapper
{
    private const string Collection = "keys";

    public static KeyBundle ToBundle(KeyVersion key, Vault vault, string vaultUri) => new()
    {
        Key = ToJsonWebKey(key, vaultUri),
        Attributes = ToAttributes(key, vault),
        Tags = key.Tags,
    };

    public static DeletedKeyBundle ToDeletedBundle(DeletedKey deleted, Vault vault, string vaultUri)
    {
        var key = deleted.Latest;
        return new DeletedKeyBundle
        {
            Key = ToJsonWebKey(key, vaultUri),
            Attributes = ToAttributes(key, vault),
            Tags = key.Tags,
            RecoveryId = ObjectIdentifier.Deleted(vaultUri, Collection, key.Name),
            DeletedDate = deleted.DeletedOn,
            ScheduledPurgeDate = deleted.ScheduledPurge,
        };
    }

    /// <summary>An item of <c>GET /keys</c> (base id) or of <c>…/versions</c> (versioned id).</summary>
    public static KeyItem ToItem(KeyVersion key, Vault vault, string vaultUri, bool withVersion) => new()
    {
        Kid = ObjectIdentifier.Create(vaultUri, Collection, key.Name, withVersion ? key.Version : null),
        Attributes = ToAttributes(key, vault),
        Tags = key.Tags,
    };

    public static DeletedKeyItem ToDeletedItem(DeletedKey deleted, Vault vault, string vaultUri)
    {
        var key = deleted.Latest;
        return new DeletedKeyItem
        {
            Kid = ObjectIdentifier.Create(vaultUri, Collection, key.Name),
            Attributes = ToAttributes(key, vault),
            Tags = key.Tags,
            RecoveryId = ObjectIdentifier.Deleted(vaultUri, Collection, key.Name),
            DeletedDate = deleted.DeletedOn,
            ScheduledPurgeDate = deleted.ScheduledPurge,
        };
    }

    public static string Kid(KeyVersion key, string vaultUri) => ObjectIdentifier.Create(vaultUri, Collection, key.Name, key.Version);

    /// <summary>The caller's attributes, tags and operations; a request for an exportable key is refused (no attestation).</summary>
    public static KeyChanges ToCore(KeyAttributes? attributes, IReadOnlyDictionary<string, string>? tags, IReadOnlyList<string>? keyOps, KeyReleasePolicy? releasePolicy)
    {
        if (attributes?.Exportable == true)
        {
            throw KeyErrors.ReleaseNeedsAttestation("attributes.exportable");
        }

        if (releasePolicy is not null)
        {
            throw KeyErrors.ReleaseNeedsAttestation("release_policy");
        }

        return new KeyChanges(attributes?.Enabled, attributes?.NotBefore, attributes?.Expires, tags, keyOps);
    }

    /// <summary>Decodes an imported JWK's members; a member that is not base64url is a 400 naming it.</summary>
    public static JsonWebKeyParts ToCore(ImportedJsonWebKey jwk)
    {
        if (jwk.KeyHsm is not null)
        {
            throw CofferErrors.BadParameter("The parameter 'key.key_hsm' carries a BYOK blob, which needs a hardware security module; Coffer has none.");
        }

        return new JsonWebKeyParts(jwk.Kty ?? throw CofferErrors.BadParameter("The parameter 'key.kty' is required."))
        {
            Crv = jwk.Crv,
            N = Decode(jwk.N, "key.n"),
            E = Decode(jwk.E, "key.e"),
            D = Decode(jwk.D, "key.d"),
            DP = Decode(jwk.DP, "key.dp"),
            DQ = Decode(jwk.DQ, "key.dq"),
            QI = Decode(jwk.QI, "key.qi"),
            P = Decode(jwk.P, "key.p"),
            Q = Decode(jwk.Q, "key.q"),
            X = Decode(jwk.X, "key.x"),
            Y = Decode(jwk.Y, "key.y"),
            K = Decode(jwk.K, "key.k"),
        };
    }

    public static KeyRotationPolicy ToWire(CorePolicy policy, KeyVersion key, string vaultUri) => new()
    {
        Id = ObjectIdentifier.Create(vaultUri, Collection, key.Name, "rotationpolicy"),
        LifetimeActions = policy.LifetimeActions
            .Select(a => new LifetimeActions
            {
                Trigger = new LifetimeActionsTrigger { TimeAfterCreate = a.TimeAfterCreate, TimeBeforeExpiry = a.TimeBeforeExpiry },
                Action = new LifetimeActionsType { Type = a.Type },
            })
            .ToList(),
        Attributes = new KeyRotationPolicyAttributes { ExpiryTime = policy.ExpiryTime, Created = policy.Created, Updated = policy.Updated },
    };

    public static IReadOnlyList<LifetimeAction>? ToCore(IReadOnlyList<LifetimeActions>? actions) =>
        actions?.Select((a, i) => new LifetimeAction(
                a.Action?.Type ?? throw CofferErrors.BadParameter($"The parameter 'lifetimeActions[{i}].action.type' is required."),
                a.Trigger?.TimeAfterCreate,
                a.Trigger?.TimeBeforeExpiry))
            .ToList();

    /// <summary>Decodes a base64url member; null stays null.</summary>
    public static byte[]? Decode(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        return Base64Url.TryDecode(value, out var bytes)
            ? bytes
            : throw CofferErrors.BadParameter($"The parameter '{field}' is not valid base64url.");
    }

    public static byte[] Require(string? value, string field) =>
        Decode(value, field) ?? throw CofferErrors.BadParameter($"The parameter '{field}' is required.");

    private static KeyVaultJsonWebKey ToJsonWebKey(KeyVersion key, string vaultUri) => new()
    {
        Kid = Kid(key, vaultUri),
        Kty = key.KeyType,
        KeyOps = key.KeyOps,
        N = Encode(key.PublicKey.N),
        E = Encode(key.PublicKey.E),
        Crv = key.PublicKey.Curve,
        X = Encode(key.PublicKey.X),
        Y = Encode(key.PublicKey.Y),
    };

    private static string? Encode(byte[]? bytes) => bytes is null ? null : Base64Url.Encode(bytes);

    private static KeyAttributes ToAttributes(KeyVersion key, Vault vault) => new()
    {
        Enabled = key.Enabled,
        NotBefore = key.NotBefore,
        Expires = key.Expires,
        Created = key.Created,
        Updated = key.Updated,
        RecoverableDays = vault.RetentionDays,
        RecoveryLevel = vault.RecoveryLevel,
        Exportable = false,
    };
}
