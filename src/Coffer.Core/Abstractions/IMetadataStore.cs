namespace Coffer.Core.Abstractions;

/// <summary>Deployment-wide settings created at first start (tenant id, subscription id).</summary>
public interface IMetadataStore
{
    Task<string?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores the value unless the key already has one; returns the value that is stored now.</summary>
    Task<string> GetOrAddAsync(string key, string value, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the key's value only if it is still <paramref name="expected"/> (compare and swap); true if it was
    /// replaced. Of several nodes replacing the same value at once, exactly one succeeds.
    /// </summary>
    Task<bool> ReplaceAsync(string key, string expected, string value, CancellationToken cancellationToken);
}
