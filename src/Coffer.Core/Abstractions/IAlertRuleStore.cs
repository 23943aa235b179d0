using Coffer.Core.Alerts;

namespace Coffer.Core.Abstractions;

/// <summary>Alert rules, one per resource group and name (both compared case-insensitively), with their evaluation state.</summary>
public interface IAlertRuleStore
{
    /// <summary>
    /// Creates or replaces the rule with this resource group and name; returns true when it was new. A replacement keeps
    /// the stored <see cref="AlertRule.State"/> (the records already alerted on stay so), whatever the given rule holds.
    /// </summary>
    Task<bool> PutAsync(AlertRule rule, CancellationToken cancellationToken);

    Task<AlertRule?> GetAsync(string resourceGroup, string name, CancellationToken cancellationToken);

    /// <summary>Removes a rule; returns false when there was none.</summary>
    Task<bool> DeleteAsync(string resourceGroup, string name, CancellationToken cancellationToken);

    /// <summary>Every rule, by resource group and name.</summary>
    Task<IReadOnlyList<AlertRule>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Records a rule's evaluation state; returns false when the rule is gone (deleted meanwhile).</summary>
    Task<bool> SaveStateAsync(string resourceGroup, string name, AlertRuleState state, CancellationToken cancellationToken);
}
