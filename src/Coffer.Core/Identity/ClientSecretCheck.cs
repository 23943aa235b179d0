namespace Coffer.Core.Identity;

/// <summary>The outcome of checking a client id and secret, each failure with its own Entra error.</summary>
public enum ClientSecretCheck
{
    Valid,

    /// <summary>No service principal has this client id (AADSTS700016).</summary>
    UnknownClient,

    /// <summary>The secret is none of the principal's current secrets (AADSTS7000215).</summary>
    InvalidSecret,

    /// <summary>The secret was the principal's, but it has expired (AADSTS7000222).</summary>
    ExpiredSecret,
}
