namespace Coffer.Core.Alerts;

/// <summary>
/// An alert rule over the audit log: when more than <see cref="Threshold"/> records matching its condition (vault,
/// operations, result types, caller) arrived within the last <see cref="Window"/>, counted every
/// <see cref="Frequency"/>, one notification with those records goes to <see cref="Webhook"/>. A rule lives in a
/// resource group and its name is unique there (both compared case-insensitively).
/// </summary>
public sealed record AlertRule(string ResourceGroup, string Name)
{
    private const string VaultSegment = "/providers/Microsoft.KeyVault/vaults/";

    /// <summary>
    /// What the rule watches, as a canonical ARM id: one vault (<c>…/providers/Microsoft.KeyVault/vaults/{name}</c>),
    /// or the subscription for every vault and the requests that name none.
    /// </summary>
    public required string Scope { get; init; }

    /// <summary>The one vault whose records count (from <see cref="Scope"/>); null for every vault.</summary>
    public string? VaultName
    {
        get
        {
            var at = Scope.LastIndexOf(VaultSegment, StringComparison.OrdinalIgnoreCase);
            return at < 0 ? null : Scope[(at + VaultSegment.Length)..];
        }
    }

    /// <summary>Key Vault operation names (<c>SecretGet</c>); a record matches any of them. Never empty.</summary>
    public IReadOnlyList<string> Operations { get; init; } = [];

    /// <summary>Result types (<c>Unauthorized</c>, <c>Forbidden</c>, <c>Success</c>); empty matches every result.</summary>
    public IReadOnlyList<string> ResultTypes { get; init; } = [];

    /// <summary>An object id or application id the caller must have; null matches every caller.</summary>
    public string? Caller { get; init; }

    /// <summary>The rule fires when the count of new matching records is greater than this (0: any record).</summary>
    public int Threshold { get; init; }

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan Frequency { get; init; } = TimeSpan.FromMinutes(1);

    public required Uri Webhook { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>Azure Monitor's severities: 0 (critical) to 4 (verbose).</summary>
    public int Severity { get; init; } = 3;

    public string? Description { get; init; }

    /// <summary>Where evaluation stands; kept by the store across replacements of the rule, set only by the evaluator.</summary>
    public AlertRuleState State { get; init; } = AlertRuleState.Initial;

    /// <summary>Value equality over the lists' contents (a record alone would compare their references).</summary>
    public bool Equals(AlertRule? other) =>
        other is not null && string.Equals(ResourceGroup, other.ResourceGroup, StringComparison.OrdinalIgnoreCase) && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Scope, other.Scope, StringComparison.OrdinalIgnoreCase) && Operations.SequenceEqual(other.Operations) && ResultTypes.SequenceEqual(other.ResultTypes) && Caller == other.Caller
        && Threshold == other.Threshold && Window == other.Window && Frequency == other.Frequency && Webhook == other.Webhook && Enabled == other.Enabled
        && Severity == other.Severity && Description == other.Description && State == other.State;

    public override int GetHashCode() => HashCode.Combine(ResourceGroup.ToUpperInvariant(), Name.ToUpperInvariant(), Threshold, Window, Frequency);
}
