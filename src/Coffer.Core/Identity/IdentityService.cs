using System.Security.Cryptography;
using System.Text;
using Coffer.Core.Abstractions;
using Coffer.Core.Crypto;
using Coffer.Core.Errors;

namespace Coffer.Core.Identity;

/// <summary>Creates managed identities and authenticates their workload credentials.</summary>
public sealed class IdentityService
{
    private readonly IIdentityStore _store;
    private readonly CredentialDirectory _credentials;
    private readonly TimeProvider _time;

    public IdentityService(IIdentityStore store, CredentialDirectory credentials, TimeProvider time)
    {
        _store = store;
        _credentials = credentials;
        _time = time;
    }

    /// <summary>The id under which an identity's one workload credential is live in the <see cref="CredentialDirectory"/>.</summary>
    public static string CredentialIdOf(ManagedIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return "managed-identity/" + identity.PrincipalId.ToString("D");
    }

    /// <summary>Registers every identity's credential as live. Called once at start, before anything is served.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var identity in await _store.ListAsync(cancellationToken))
        {
            _credentials.Add(CredentialIdOf(identity));
        }
    }

    /// <summary>Creates an identity and returns its credential; the credential is shown once and stored only as a hash.</summary>
    public async Task<(ManagedIdentity Identity, string Credential)> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var credential = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        var identity = new ManagedIdentity(Guid.NewGuid(), name, Guid.NewGuid(), Hash(credential), _time.GetUtcNow());
        if (!await _store.AddAsync(identity, cancellationToken))
        {
            throw new CofferException(409, ErrorCodes.Conflict, $"A managed identity named '{name}' already exists.");
        }

        _credentials.Add(CredentialIdOf(identity));
        return (identity, credential);
    }

    public Task<ManagedIdentity?> FindAsync(string name, CancellationToken cancellationToken) => _store.GetByNameAsync(name, cancellationToken);

    public Task<ManagedIdentity?> AuthenticateAsync(string credential, CancellationToken cancellationToken) =>
        _store.GetByCredentialHashAsync(Hash(credential), cancellationToken);

    /// <summary>
    /// Credentials are 256 random bits, so one SHA-256 is enough: there is nothing for a slow hash to protect
    /// against that a brute force of 2^256 does not already rule out.
    /// </summary>
    private static byte[] Hash(string credential) => SHA256.HashData(Encoding.UTF8.GetBytes(credential));
}
