namespace Coffer.Core.Abstractions;

/// <summary>Deployment-wide settings created at first start (tenant id, subscription id).</summary>
public interface IMetadataStore
{
    Task<string?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores the value unless the key already has one; returns the value that is stored now.</summary>
    Task<string> GetOrAddAsync(string key, string value, CancellationToken cancellationToken);
}
