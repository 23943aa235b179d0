using Coffer.Core.Abstractions;

namespace Coffer.Core;

/// <summary>
/// The deployment in Azure's terms: one tenant (named in the challenge and in every token) and one subscription
/// (the root of every management resource id), both generated at first start and kept in the store.
/// </summary>
public sealed class Deployment
{
    private Guid _tenantId;
    private Guid _subscriptionId;

    /// <summary>Ids to be read by <see cref="LoadAsync"/> at start.</summary>
    public Deployment()
    {
    }

    /// <summary>Known ids (tests, tools).</summary>
    public Deployment(Guid tenantId, Guid subscriptionId)
    {
        _tenantId = tenantId;
        _subscriptionId = subscriptionId;
    }

    public Guid TenantId => _tenantId != Guid.Empty ? _tenantId : throw NotLoaded();

    public Guid SubscriptionId => _subscriptionId != Guid.Empty ? _subscriptionId : throw NotLoaded();

    /// <summary><c>/subscriptions/{id}</c>, the scope that holds everything.</summary>
    public string SubscriptionScope => "/subscriptions/" + SubscriptionId.ToString("D");

    /// <summary>Reads the ids, creating them on a new deployment. Called once at start, before anything is served.</summary>
    public async Task LoadAsync(IMetadataStore metadata, CancellationToken cancellationToken)
    {
        _tenantId = Guid.Parse(await metadata.GetOrAddAsync("tenant-id", Guid.NewGuid().ToString("D"), cancellationToken));
        _subscriptionId = Guid.Parse(await metadata.GetOrAddAsync("subscription-id", Guid.NewGuid().ToString("D"), cancellationToken));
    }

    private static InvalidOperationException NotLoaded() => new("The deployment ids have not been loaded.");
}
