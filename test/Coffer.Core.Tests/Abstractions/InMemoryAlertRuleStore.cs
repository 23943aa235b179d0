using System.Collections.Concurrent;
using Coffer.Core.Abstractions;
using Coffer.Core.Alerts;

namespace Coffer.Core.Tests.Abstractions;

/// <summary>An in-memory <see cref="IAlertRuleStore"/> keyed by resource group and name, case-insensitively; a replacement keeps the state.</summary>
internal sealed class InMemoryAlertRuleStore : IAlertRuleStore
{
    private readonly ConcurrentDictionary<string, AlertRule> _rules = new(StringComparer.OrdinalIgnoreCase);

    public Task<bool> PutAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        var key = Key(rule.ResourceGroup, rule.Name);
        var existing = _rules.GetValueOrDefault(key);
        _rules[key] = rule with { State = existing?.State ?? AlertRuleState.Initial };
        return Task.FromResult(existing is null);
    }

    public Task<AlertRule?> GetAsync(string resourceGroup, string name, CancellationToken cancellationToken) => Task.FromResult(_rules.GetValueOrDefault(Key(resourceGroup, name)));

    public Task<bool> DeleteAsync(string resourceGroup, string name, CancellationToken cancellationToken) => Task.FromResult(_rules.TryRemove(Key(resourceGroup, name), out _));

    public Task<IReadOnlyList<AlertRule>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AlertRule>>([.. _rules.Values.OrderBy(r => r.ResourceGroup, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)]);

    public Task<bool> SaveStateAsync(string resourceGroup, string name, AlertRuleState state, CancellationToken cancellationToken)
    {
        var key = Key(resourceGroup, name);
        if (!_rules.TryGetValue(key, out var rule))
        {
            return Task.FromResult(false);
        }

        _rules[key] = rule with { State = state };
        return Task.FromResult(true);
    }

    private static string Key(string resourceGroup, string name) => resourceGroup + "|" + name;
}
