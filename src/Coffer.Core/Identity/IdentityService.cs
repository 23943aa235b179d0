using System.Security.Cryptography;
using System.Text;
using Coffer.Core.Abstractions;
using Coffer.Core.Crypto;
using Coffer.Core.Errors;

namespace Coffer.Core.Identity;

/// <summary>
/// Managed identities as ARM resources, their workload credentials, and the authentication of those credentials.
/// Every live credential is registered in the <see cref="CredentialDirectory"/>, so revoking a credential, or deleting
/// its identity, revokes the tokens issued against it at once.
/// </summary>
public sealed class IdentityService
{
    /// <summary>Where an identity goes when its resource group is not given: the same group as vaults.</summary>
    public const string DefaultResourceGroup = Vaults.Vault.DefaultResourceGroup;

    /// <summary>The location of an identity whose PUT names none.</summary>
    public const string DefaultLocation = "local";

    private readonly IIdentityStore _store;
    private readonly CredentialDirectory _credentials;
    private readonly Deployment _deployment;
    private readonly TimeProvider _time;

    public IdentityService(IIdentityStore store, CredentialDirectory credentials, Deployment deployment, TimeProvider time)
    {
        _store = store;
        _credentials = credentials;
        _deployment = deployment;
        _time = time;
    }

    /// <summary>
    /// The id under which the identity's host credential is live in the <see cref="CredentialDirectory"/>: tokens
    /// served to the host (IMDS, Cloud Shell: protocols without a credential) are issued against it.
    /// </summary>
    public static string CredentialIdOf(ManagedIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return HostCredentialId(identity).ToString("D");
    }

    /// <summary>Every identity's live credentials (and its host credential), for <see cref="CredentialSync"/> to load.</summary>
    public async Task<IReadOnlyList<CredentialChange>> ListLiveCredentialsAsync(CancellationToken cancellationToken)
    {
        var live = new List<CredentialChange>();
        foreach (var identity in await _store.ListAsync(null, cancellationToken))
        {
            live.Add(new CredentialChange(CredentialIdOf(identity), DateTimeOffset.MaxValue));
            foreach (var credential in await _store.ListCredentialsAsync(identity.PrincipalId, cancellationToken))
            {
                live.Add(new CredentialChange(credential.Id.ToString("D"), credential.Expires ?? DateTimeOffset.MaxValue));
            }
        }

        return live;
    }

    /// <summary>Creates an identity in <see cref="DefaultResourceGroup"/> with one credential (shown once, stored as a hash).</summary>
    public async Task<(ManagedIdentity Identity, string Credential)> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var (identity, created) = await CreateOrUpdateAsync(DefaultResourceGroup, name, null, null, cancellationToken);
        if (!created)
        {
            throw new CofferException(409, ErrorCodes.Conflict, $"A managed identity named '{name}' already exists.");
        }

        var (_, credential) = await AddCredentialAsync(identity, null, cancellationToken);
        return (identity, credential);
    }

    /// <summary>ARM's PUT: creates the identity, or replaces the tags of the existing one (whose location cannot change).</summary>
    public async Task<(ManagedIdentity Identity, bool Created)> CreateOrUpdateAsync(
        string resourceGroup, string name, string? location, IReadOnlyDictionary<string, string>? tags, CancellationToken cancellationToken)
    {
        ResourceGroupName.Validate(resourceGroup);
        ManagedIdentityName.Validate(name);
        var validTags = ResourceTags.Validate(tags);
        for (var attempt = 0; ; attempt++)
        {
            if (await _store.GetByNameAsync(name, cancellationToken) is { } existing)
            {
                EnsureSameGroup(existing, resourceGroup);
                if (location is not null && !string.Equals(location, existing.Location, StringComparison.OrdinalIgnoreCase))
                {
                    throw CofferErrors.InvalidResourceLocation(existing.Name, existing.Location, existing.ResourceGroup, location);
                }

                var updated = existing with { Tags = validTags };
                if (await _store.UpdateAsync(updated, cancellationToken))
                {
                    return (updated, false);
                }
            }
            else
            {
                var identity = new ManagedIdentity(Guid.NewGuid(), name, Guid.NewGuid(), resourceGroup, location ?? DefaultLocation, validTags, _time.GetUtcNow());
                if (await _store.AddAsync(identity, cancellationToken))
                {
                    await _credentials.AddAsync(CredentialIdOf(identity));
                    return (identity, true);
                }
            }

            // Raced a concurrent create or delete of the same name: look again, once.
            if (attempt > 0)
            {
                throw new CofferException(409, ErrorCodes.Conflict, $"The managed identity '{name}' was changed concurrently; retry the request.");
            }
        }
    }

    /// <summary>The identity in that resource group, or ARM's 404.</summary>
    public async Task<ManagedIdentity> GetAsync(string resourceGroup, string name, CancellationToken cancellationToken)
    {
        var identity = await _store.GetByNameAsync(name, cancellationToken);
        return identity is not null && string.Equals(identity.ResourceGroup, resourceGroup, StringComparison.OrdinalIgnoreCase)
            ? identity
            : throw CofferErrors.ResourceNotFound(ManagedIdentity.ResourceType, name, resourceGroup);
    }

    public Task<ManagedIdentity?> FindAsync(string name, CancellationToken cancellationToken) => _store.GetByNameAsync(name, cancellationToken);

    public Task<ManagedIdentity?> FindByClientIdAsync(Guid clientId, CancellationToken cancellationToken) => _store.GetByClientIdAsync(clientId, cancellationToken);

    public Task<ManagedIdentity?> FindByPrincipalIdAsync(Guid principalId, CancellationToken cancellationToken) => _store.GetByPrincipalIdAsync(principalId, cancellationToken);

    public Task<IReadOnlyList<ManagedIdentity>> ListAsync(string? resourceGroup, CancellationToken cancellationToken) => _store.ListAsync(resourceGroup, cancellationToken);

    /// <summary>ARM's PATCH: replaces the tags only.</summary>
    public async Task<ManagedIdentity> UpdateTagsAsync(string resourceGroup, string name, IReadOnlyDictionary<string, string>? tags, CancellationToken cancellationToken)
    {
        var identity = await GetAsync(resourceGroup, name, cancellationToken);
        if (tags is null)
        {
            return identity;
        }

        var updated = identity with { Tags = ResourceTags.Validate(tags) };
        return await _store.UpdateAsync(updated, cancellationToken)
            ? updated
            : throw CofferErrors.ResourceNotFound(ManagedIdentity.ResourceType, name, resourceGroup);
    }

    /// <summary>Deletes the identity; its credentials and every token issued against them stop working at once.</summary>
    public async Task<bool> DeleteAsync(string resourceGroup, string name, CancellationToken cancellationToken)
    {
        var identity = await _store.GetByNameAsync(name, cancellationToken);
        if (identity is null || !string.Equals(identity.ResourceGroup, resourceGroup, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Revoked in memory first: a token checked while the store deletes is already refused. After a restart
        // nothing of the identity is loaded, so nothing of it is live.
        await _credentials.RevokeAsync(CredentialIdOf(identity));
        foreach (var credential in await _store.ListCredentialsAsync(identity.PrincipalId, cancellationToken))
        {
            await _credentials.RevokeAsync(credential.Id.ToString("D"));
        }

        var revoked = await _store.DeleteAsync(identity.PrincipalId, _time.GetUtcNow(), cancellationToken);
        if (revoked is null)
        {
            return false;
        }

        foreach (var credential in revoked)
        {
            await _credentials.RevokeAsync(credential.Id.ToString("D"));
        }

        return true;
    }

    /// <summary>
    /// The credential that tokens served to the host (IMDS, Cloud Shell: protocols without a credential) are issued
    /// against: the identity's principal id. Deleting the identity revokes it with the others.
    /// </summary>
    public static Guid HostCredentialId(ManagedIdentity identity) => identity.PrincipalId;

    /// <summary>A new workload credential for the identity: 256 random bits, returned once and stored only as a hash.</summary>
    public async Task<(WorkloadCredential Credential, string Secret)> AddCredentialAsync(ManagedIdentity identity, DateTimeOffset? expires, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (expires is { } end && end <= now)
        {
            throw CofferErrors.InvalidRequestContent("The property 'expiresOn' must be in the future.");
        }

        var secret = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        var credential = new WorkloadCredential(Guid.NewGuid(), identity.PrincipalId, Hash(secret), now, expires);
        await _store.AddCredentialAsync(credential, cancellationToken);
        await _credentials.AddAsync(credential.Id.ToString("D"), expires);
        return (credential, secret);
    }

    /// <summary>Revokes one credential of the identity, and the tokens issued against it; false when it has none such.</summary>
    public async Task<bool> RevokeCredentialAsync(ManagedIdentity identity, Guid credentialId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (!await _store.RevokeCredentialAsync(identity.PrincipalId, credentialId, now, cancellationToken))
        {
            return false;
        }

        await _credentials.RevokeAsync(credentialId.ToString("D"));
        return true;
    }

    /// <summary>The identity and credential a presented credential belongs to, when it is live (not revoked, not expired).</summary>
    public async Task<(ManagedIdentity Identity, WorkloadCredential Credential)?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        var credential = await _store.GetCredentialByHashAsync(Hash(secret), cancellationToken);
        var now = _time.GetUtcNow();
        if (credential is null || !credential.IsUsableAt(now) || !_credentials.IsLive(credential.Id.ToString("D"), now))
        {
            return null;
        }

        var identity = await _store.GetByPrincipalIdAsync(credential.PrincipalId, cancellationToken);
        return identity is null ? null : (identity, credential);
    }

    /// <summary>What a token issued to the identity says: its ids, the credential it was issued against and its resource id.</summary>
    public TokenSubject SubjectOf(ManagedIdentity identity, WorkloadCredential? credential) =>
        new(identity.PrincipalId, identity.ClientId, credential?.Id.ToString("D") ?? CredentialIdOf(identity), identity.ResourceId(_deployment.SubscriptionId));

    public string ResourceIdOf(ManagedIdentity identity) => identity.ResourceId(_deployment.SubscriptionId);

    /// <summary>Forgets credentials revoked longer ago than any token lives: their records serve no purpose any more.</summary>
    public Task PruneRevokedCredentialsAsync(TimeSpan tokenLifetime, CancellationToken cancellationToken) =>
        _store.PruneRevokedCredentialsAsync(_time.GetUtcNow() - tokenLifetime, cancellationToken);

    private static void EnsureSameGroup(ManagedIdentity existing, string resourceGroup)
    {
        if (!string.Equals(existing.ResourceGroup, resourceGroup, StringComparison.OrdinalIgnoreCase))
        {
            throw new CofferException(409, ErrorCodes.Conflict,
                $"A managed identity named '{existing.Name}' already exists in resource group '{existing.ResourceGroup}'. Coffer keeps identity names unique per deployment.");
        }
    }

    /// <summary>
    /// Credentials are 256 random bits, so one SHA-256 is enough: there is nothing for a slow hash to protect
    /// against that a brute force of 2^256 does not already rule out.
    /// </summary>
    private static byte[] Hash(string credential) => SHA256.HashData(Encoding.UTF8.GetBytes(credential));
}
