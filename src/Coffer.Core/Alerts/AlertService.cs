using Coffer.Core.Abstractions;
using Coffer.Core.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Core.Alerts;

/// <summary>
/// The management of alert rules, validated against <see cref="AlertRuleLimits"/>; <see cref="AlertEvaluator"/>
/// runs them.
/// </summary>
public sealed class AlertService
{
    private readonly IAlertRuleStore _store;
    private readonly ILogger _logger;

    public AlertService(IAlertRuleStore store, ILogger<AlertService>? logger = null)
    {
        _store = store;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Validates and creates or replaces a rule (its evaluation state kept); returns true when it was new.</summary>
    public async Task<bool> PutAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        AlertRuleLimits.Validate(rule);
        var existing = await _store.ListAsync(cancellationToken);
        var replaces = existing.Any(r => string.Equals(r.ResourceGroup, rule.ResourceGroup, StringComparison.OrdinalIgnoreCase) && string.Equals(r.Name, rule.Name, StringComparison.OrdinalIgnoreCase));
        if (!replaces && existing.Count >= AlertRuleLimits.MaxRules)
        {
            throw AlertErrors.TooManyRules(AlertRuleLimits.MaxRules);
        }

        var created = await _store.PutAsync(rule, cancellationToken);
        Log.AlertRuleSet(_logger, rule.Name, rule.ResourceGroup, created);
        return created;
    }

    public Task<AlertRule?> GetAsync(string resourceGroup, string name, CancellationToken cancellationToken) => _store.GetAsync(resourceGroup, name, cancellationToken);

    public async Task<bool> DeleteAsync(string resourceGroup, string name, CancellationToken cancellationToken)
    {
        var deleted = await _store.DeleteAsync(resourceGroup, name, cancellationToken);
        if (deleted)
        {
            Log.AlertRuleDeleted(_logger, name, resourceGroup);
        }

        return deleted;
    }

    /// <summary>The rules of one resource group, or of the whole deployment when <paramref name="resourceGroup"/> is null.</summary>
    public async Task<IReadOnlyList<AlertRule>> ListAsync(string? resourceGroup, CancellationToken cancellationToken) =>
        [.. (await _store.ListAsync(cancellationToken)).Where(r => resourceGroup is null || string.Equals(r.ResourceGroup, resourceGroup, StringComparison.OrdinalIgnoreCase))];
}
