using Coffer.Core.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Core.Alerts;

/// <summary>
/// Runs the alert rules that are due on the injected clock: each enabled rule every <see cref="AlertRule.Frequency"/>,
/// over its window of the audit log, sending one notification when it fires and then remembering the newest record
/// sent, so the same records never alert twice, across restarts and nodes alike.
/// </summary>
public sealed class AlertEvaluator
{
    /// <summary>The job lease's name: one node of a cluster evaluates at a time.</summary>
    public const string JobName = "audit-alerts";

    // A timer tick may land a moment before a rule's exact due time; evaluating then beats waiting a whole tick more.
    private static readonly TimeSpan DueSlack = TimeSpan.FromSeconds(1);
    private const int PageSize = 500;

    private readonly IAlertRuleStore _rules;
    private readonly IAuditStore _audit;
    private readonly IAlertSender _sender;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public AlertEvaluator(IAlertRuleStore rules, IAuditStore audit, IAlertSender sender, TimeProvider time, ILogger<AlertEvaluator>? logger = null)
    {
        _rules = rules;
        _audit = audit;
        _sender = sender;
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Evaluates every enabled rule that is due now; returns how many fired. One rule's failure does not stop the others.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var fired = 0;
        foreach (var rule in await _rules.ListAsync(cancellationToken))
        {
            if (!rule.Enabled || (rule.State.LastEvaluated is { } last && now < last + rule.Frequency - DueSlack))
            {
                continue;
            }

            try
            {
                fired += await EvaluateAsync(rule, now, cancellationToken) ? 1 : 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.AlertEvaluationFailed(_logger, rule.Name, rule.ResourceGroup, e);
            }
        }

        return fired;
    }

    /// <summary>Evaluates one rule at <paramref name="now"/> and records the outcome; true when it fired and was delivered.</summary>
    public async Task<bool> EvaluateAsync(AlertRule rule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var evaluation = new AlertEvaluation(rule, now);
        var query = evaluation.Query(PageSize);
        while (!evaluation.Done)
        {
            var page = await _audit.QueryAsync(query, cancellationToken);
            foreach (var record in page.Items)
            {
                if (!evaluation.Offer(record))
                {
                    break;
                }
            }

            if (page.NextToken is null)
            {
                break;
            }

            query = query with { Continuation = page.NextToken };
        }

        var delivered = false;
        if (evaluation.Notification(Guid.NewGuid()) is { } notification)
        {
            Log.AlertFired(_logger, rule.Name, rule.ResourceGroup, notification.Count, notification.Id);
            delivered = await _sender.SendAsync(notification, cancellationToken);
            if (!delivered)
            {
                Log.AlertUndelivered(_logger, rule.Name, rule.ResourceGroup, notification.Id);
            }
        }

        await _rules.SaveStateAsync(rule.ResourceGroup, rule.Name, evaluation.NextState(delivered), cancellationToken);
        return delivered;
    }
}
