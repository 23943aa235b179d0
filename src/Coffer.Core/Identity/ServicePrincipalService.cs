using System.Security.Cryptography;
using System.Text;
using Coffer.Core.Abstractions;
using Coffer.Core.Crypto;
using Coffer.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Coffer.Core.Identity;

/// <summary>
/// Creates, finds and deletes service principals, manages their client secrets, and checks a client id and secret
/// for the token endpoint. Every credential change is mirrored in the <see cref="CredentialDirectory"/>, so the
/// tokens of a removed credential or a deleted principal stop working at once.
/// </summary>
public sealed class ServicePrincipalService
{
    public const int MaxDisplayNameLength = 256;
    public const int MaxPasswordDisplayNameLength = 256;
    public const int MaxPasswordsPerPrincipal = 20;

    /// <summary>A secret lives a year unless asked otherwise, and at most two (Entra's recommended maximum).</summary>
    public static readonly TimeSpan DefaultPasswordLifetime = TimeSpan.FromDays(365);

    public static readonly TimeSpan MaxPasswordLifetime = TimeSpan.FromDays(2 * 365);

    private readonly IServicePrincipalStore _store;
    private readonly CredentialDirectory _credentials;
    private readonly TimeProvider _time;
    private readonly ILogger<ServicePrincipalService> _logger;

    public ServicePrincipalService(IServicePrincipalStore store, CredentialDirectory credentials, TimeProvider time, ILogger<ServicePrincipalService> logger)
    {
        _store = store;
        _credentials = credentials;
        _time = time;
        _logger = logger;
    }

    /// <summary>Every stored credential, live until its end, for <see cref="CredentialSync"/> to load.</summary>
    public async Task<IReadOnlyList<CredentialChange>> ListLiveCredentialsAsync(CancellationToken cancellationToken)
    {
        var live = new List<CredentialChange>();
        foreach (var principal in await _store.ListAsync(cancellationToken))
        {
            foreach (var password in principal.PasswordCredentials)
            {
                live.Add(new CredentialChange(password.CredentialId, password.End));
            }
        }

        return live;
    }

    /// <summary>Creates a principal with no credential; a taken name (in any casing) is a 409 Conflict.</summary>
    public async Task<ServicePrincipal> CreateAsync(string? displayName, CancellationToken cancellationToken)
    {
        var name = ValidateDisplayName(displayName);
        var principal = new ServicePrincipal(Guid.NewGuid(), Guid.NewGuid(), name, Seconds(_time.GetUtcNow()), []);
        if (!await _store.AddAsync(principal, cancellationToken))
        {
            throw DirectoryErrors.DisplayNameTaken(name);
        }

        Log.ServicePrincipalCreated(_logger, name, principal.ObjectId, principal.AppId);
        return principal;
    }

    /// <summary>The principal with this object id or, failing that, this app id; null when the text is neither.</summary>
    public async Task<ServicePrincipal?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            return null;
        }

        return await _store.GetAsync(guid, cancellationToken) ?? await _store.GetByAppIdAsync(guid, cancellationToken);
    }

    public Task<ServicePrincipal?> FindByDisplayNameAsync(string displayName, CancellationToken cancellationToken) =>
        _store.GetByDisplayNameAsync(displayName, cancellationToken);

    public Task<ServicePrincipal?> FindByAppIdAsync(Guid appId, CancellationToken cancellationToken) =>
        _store.GetByAppIdAsync(appId, cancellationToken);

    public Task<IReadOnlyList<ServicePrincipal>> ListAsync(CancellationToken cancellationToken) => _store.ListAsync(cancellationToken);

    /// <summary>Deletes a principal and revokes every token issued to it; false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(ServicePrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var deleted = await _store.DeleteAsync(principal.ObjectId, cancellationToken);
        foreach (var password in principal.PasswordCredentials)
        {
            await _credentials.RevokeAsync(password.CredentialId);
        }

        if (deleted)
        {
            Log.ServicePrincipalDeleted(_logger, principal.DisplayName, principal.ObjectId, principal.PasswordCredentials.Count);
        }

        return deleted;
    }

    /// <summary>
    /// Adds a client secret: 256 random bits, returned once and stored only as a hash. It is valid from now until
    /// <paramref name="end"/> (default a year, at most two years).
    /// </summary>
    public async Task<NewPassword> AddPasswordAsync(ServicePrincipal principal, string? displayName, DateTimeOffset? end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (displayName is { Length: > MaxPasswordDisplayNameLength })
        {
            throw DirectoryErrors.BadRequest($"The password credential's displayName must be at most {MaxPasswordDisplayNameLength} characters.");
        }

        if (principal.PasswordCredentials.Count >= MaxPasswordsPerPrincipal)
        {
            throw DirectoryErrors.BadRequest($"A service principal can have at most {MaxPasswordsPerPrincipal} password credentials; remove one first.");
        }

        var start = Seconds(_time.GetUtcNow());
        var until = end is { } requested ? Seconds(requested.ToUniversalTime()) : start + DefaultPasswordLifetime;
        if (until <= start)
        {
            throw DirectoryErrors.BadRequest("The password credential's endDateTime must be in the future.");
        }

        if (until > start + MaxPasswordLifetime)
        {
            throw DirectoryErrors.BadRequest("The password credential's endDateTime must be at most two years from now.");
        }

        var secret = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        var credential = new PasswordCredential(Guid.NewGuid(), displayName, secret[..3], start, until, Hash(secret));
        if (!await _store.AddPasswordAsync(principal.ObjectId, credential, cancellationToken))
        {
            throw DirectoryErrors.ServicePrincipalNotFound(principal.ObjectId.ToString("D"));
        }

        await _credentials.AddAsync(credential.CredentialId, credential.End);
        Log.ServicePrincipalPasswordAdded(_logger, credential.KeyId, principal.ObjectId, credential.End);
        return new NewPassword(credential, secret);
    }

    /// <summary>Removes a client secret and revokes the tokens issued against it at once.</summary>
    public async Task RemovePasswordAsync(ServicePrincipal principal, Guid keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!await _store.RemovePasswordAsync(principal.ObjectId, keyId, cancellationToken))
        {
            throw DirectoryErrors.PasswordNotFound(keyId);
        }

        await _credentials.RevokeAsync(keyId.ToString("D"));
        Log.ServicePrincipalPasswordRemoved(_logger, keyId, principal.ObjectId);
    }

    /// <summary>Checks a client id and secret (the token endpoint's client authentication).</summary>
    public async Task<(ClientSecretCheck Result, ServicePrincipal? Principal, PasswordCredential? Credential)> AuthenticateAsync(
        Guid appId, string secret, CancellationToken cancellationToken)
    {
        var principal = await _store.GetByAppIdAsync(appId, cancellationToken);
        if (principal is null)
        {
            return (ClientSecretCheck.UnknownClient, null, null);
        }

        var hash = Hash(secret);
        var now = _time.GetUtcNow();
        foreach (var credential in principal.PasswordCredentials)
        {
            if (!CryptographicOperations.FixedTimeEquals(hash, credential.SecretHash))
            {
                continue;
            }

            if (now >= credential.End)
            {
                return (ClientSecretCheck.ExpiredSecret, principal, credential);
            }

            return now < credential.Start
                ? (ClientSecretCheck.InvalidSecret, principal, null)
                : (ClientSecretCheck.Valid, principal, credential);
        }

        return (ClientSecretCheck.InvalidSecret, principal, null);
    }

    private static string ValidateDisplayName(string? displayName)
    {
        var name = displayName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw DirectoryErrors.BadRequest("The property 'displayName' is required.");
        }

        if (name.Length > MaxDisplayNameLength)
        {
            throw DirectoryErrors.BadRequest($"The property 'displayName' must be at most {MaxDisplayNameLength} characters.");
        }

        if (name.Any(char.IsControl))
        {
            throw DirectoryErrors.BadRequest("The property 'displayName' must not contain control characters.");
        }

        return name;
    }

    /// <summary>Whole seconds, as the store keeps times: what is returned at creation is what is read back later.</summary>
    private static DateTimeOffset Seconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    /// <summary>
    /// Secrets are 256 random bits, so one SHA-256 is enough: a slow hash would protect nothing that a brute force of
    /// 2^256 does not already rule out.
    /// </summary>
    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
