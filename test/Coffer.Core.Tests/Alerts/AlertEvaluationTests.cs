using Coffer.Core.Alerts;
using Coffer.Core.Audit;

namespace Coffer.Core.Tests.Alerts;

/// <summary>One evaluation's decision: the threshold boundary, the window's edges, never counting a record twice, and counting one that arrived late.</summary>
public sealed class AlertEvaluationTests
{
    private const string Subscription = "/subscriptions/5d1b0c4e-2a55-4a40-8f3b-3b7e8f0a9c11";
    private const string Caller = "0f6a1d3e-4b1c-4f5e-9a7d-2c3b4a5d6e7f";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static AlertRule Rule(int threshold = 0, AlertRuleState? state = null) => new("rg", "denied")
    {
        Scope = Subscription + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/billing",
        Operations = ["SecretGet"],
        ResultTypes = ["Unauthorized", "Forbidden"],
        Threshold = threshold,
        Window = TimeSpan.FromMinutes(5),
        Frequency = TimeSpan.FromMinutes(1),
        Webhook = new Uri("https://hooks.example.com/a"),
        State = state ?? AlertRuleState.Initial,
    };

    private static AuditRecord Record(DateTimeOffset time, long sequence, string operation = "SecretGet", string result = "Forbidden", string vault = "billing", string chain = "node-a", AuditIdentity? identity = null) => new()
    {
        ChainId = chain,
        Sequence = sequence,
        Time = time,
        ResourceId = Subscription + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/" + vault,
        VaultName = vault,
        OperationName = operation,
        ResultType = result,
        ResultSignature = result,
        RequestUri = $"https://{vault}.localhost/secrets/s",
        HttpStatusCode = result == "Forbidden" ? 403 : 200,
        Identity = identity,
    };

    /// <summary>Offers records newest first, as the audit store returns them.</summary>
    private static AlertEvaluation Evaluate(AlertRule rule, params AuditRecord[] records)
    {
        var evaluation = new AlertEvaluation(rule, Now);
        foreach (var record in records.OrderByDescending(r => r.Time).ThenByDescending(r => r.Sequence))
        {
            if (!evaluation.Offer(record))
            {
                break;
            }
        }

        return evaluation;
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(0, 1, true)]
    [InlineData(2, 2, false)]
    [InlineData(2, 3, true)]
    public void Fires_OnlyWhenCountIsGreaterThanThreshold(int threshold, int records, bool fires)
    {
        // Arrange
        var burst = Enumerable.Range(1, records).Select(i => Record(Now.AddSeconds(-i), i)).ToArray();

        // Act
        var evaluation = Evaluate(Rule(threshold), burst);

        // Assert
        Assert.Equal(records, evaluation.Count);
        Assert.Equal(fires, evaluation.Fires);
        Assert.Equal(fires, evaluation.Notification(Guid.NewGuid()) is not null);
    }

    [Fact]
    public void Window_IncludesItsStartAndRecordsStampedWhileItRuns()
    {
        // Arrange
        var atStart = Record(Now.AddMinutes(-5), 1);
        var beforeStart = Record(Now.AddMinutes(-5).AddTicks(-10), 2);
        var inside = Record(Now.AddMinutes(-2), 4);
        var atNow = Record(Now, 3);
        var duringTheQuery = Record(Now.AddMilliseconds(3), 5);

        // Act
        var evaluation = Evaluate(Rule(), atStart, beforeStart, atNow, inside, duringTheQuery);
        var notification = evaluation.Notification(Guid.NewGuid());

        // Assert
        Assert.NotNull(notification);
        Assert.Equal([5L, 3L, 4L, 1L], notification.Records.Select(r => r.Sequence));
        Assert.Equal(Now.AddMinutes(-5), notification.WindowStart);
        Assert.Equal(duringTheQuery.Time, notification.WindowEnd);
        Assert.True(evaluation.Done);
    }

    [Fact]
    public void Condition_FiltersOperationResultVaultAndCaller()
    {
        // Arrange
        var rule = Rule() with { Caller = Caller };
        var byOid = Record(Now.AddSeconds(-1), 1, identity: new AuditIdentity(Caller, null, null));
        var byAppId = Record(Now.AddSeconds(-2), 2, identity: new AuditIdentity("11111111-1111-1111-1111-111111111111", Caller.ToUpperInvariant(), null));
        var otherCaller = Record(Now.AddSeconds(-3), 3, identity: new AuditIdentity("11111111-1111-1111-1111-111111111111", null, null));
        var allowed = Record(Now.AddSeconds(-4), 4, result: "Success", identity: new AuditIdentity(Caller, null, null));
        var otherOperation = Record(Now.AddSeconds(-5), 5, operation: "SecretList", identity: new AuditIdentity(Caller, null, null));
        var otherVault = Record(Now.AddSeconds(-6), 6, vault: "payroll", identity: new AuditIdentity(Caller, null, null));
        var anonymous = Record(Now.AddSeconds(-7), 7);

        // Act
        var evaluation = Evaluate(rule, byOid, byAppId, otherCaller, allowed, otherOperation, otherVault, anonymous);

        // Assert
        Assert.Equal([1L, 2L], evaluation.Notification(Guid.NewGuid())!.Records.Select(r => r.Sequence));
    }

    [Fact]
    public void EmptyResultTypesAndSubscriptionScope_MatchEveryResultAndVault()
    {
        // Arrange
        var rule = Rule() with { Scope = Subscription, ResultTypes = [] };

        // Act
        var evaluation = Evaluate(rule, Record(Now.AddSeconds(-1), 1, result: "Success"), Record(Now.AddSeconds(-2), 2, vault: "payroll"));

        // Assert
        Assert.Null(rule.VaultName);
        Assert.Equal(2, evaluation.Count);
    }

    [Fact]
    public void Sent_RecordsAlreadySentNeverCountAgain_ButLaterArrivalsOfAnyChainDo()
    {
        // Arrange
        var sent = Record(Now.AddMinutes(-1), 7, chain: "node-a");
        var sentBefore = Record(Now.AddMinutes(-2), 6, chain: "node-a");
        var first = Evaluate(Rule(), sent, sentBefore);
        var state = first.NextState(delivered: true);
        var sameTimeLaterSequence = Record(sent.Time, 8, chain: "node-a");
        var earlierTimeOtherChain = Record(sent.Time.AddSeconds(-30), 1, chain: "node-b");
        var newer = Record(Now.AddSeconds(-10), 9, chain: "node-a");

        // Act
        var again = Evaluate(Rule(state: state), sent, sentBefore);
        var next = Evaluate(Rule(state: state), sent, sameTimeLaterSequence, earlierTimeOtherChain, newer, sentBefore);

        // Assert
        Assert.Equal(ChainSequences.Parse("node-a:7"), state.Sent);
        Assert.Equal(Now, state.LastFired);
        Assert.Equal(0, again.Count);
        Assert.False(again.Fires);
        Assert.Equal(3, next.Count);
        Assert.Equal(ChainSequences.Parse("node-a:9,node-b:1"), next.NextState(delivered: true).Sent);
    }

    [Fact]
    public void LateArrival_StampedBeforeTheNewestRecordSent_StillCounts()
    {
        // Arrange: a slow request on node-b started before node-a's record that fired, and was recorded after.
        var fired = Record(Now.AddMinutes(-1), 7, chain: "node-a");
        var state = Evaluate(Rule(), fired).NextState(delivered: true);
        var late = Record(fired.Time.AddSeconds(-20), 3, chain: "node-b");

        // Act
        var next = Evaluate(Rule(state: state), fired, late);

        // Assert
        Assert.Equal(1, next.Count);
        Assert.Same(late, Assert.Single(next.Notification(Guid.NewGuid())!.Records));
    }

    [Fact]
    public void LateArrival_StampedInThePreviousWindowOnly_CountsOnce()
    {
        // Arrange: window and frequency of 5 minutes, so consecutive windows only touch. The record is stamped just
        // before the first evaluation and arrives just after it.
        var rule = Rule() with { Frequency = TimeSpan.FromMinutes(5) };
        var previousNow = Now.AddMinutes(-5);
        var seenThen = Record(previousNow.AddMinutes(-3), 4);
        var firstRound = new AlertEvaluation(rule, previousNow);
        firstRound.Offer(seenThen);
        var state = firstRound.NextState(delivered: true);
        var late = Record(previousNow.AddMilliseconds(-40), 5);
        var inWindow = Record(Now.AddMinutes(-1), 6);

        // Act
        var second = Evaluate(rule with { State = state }, inWindow, late, seenThen);
        var third = new AlertEvaluation(rule with { State = second.NextState(delivered: true) }, Now.AddMinutes(5));
        foreach (var record in new[] { inWindow, late })
        {
            third.Offer(record);
        }

        // Assert
        Assert.True(firstRound.Fires);
        Assert.Equal([6L, 5L], second.Notification(Guid.NewGuid())!.Records.Select(r => r.Sequence));
        Assert.Equal(late.Time, second.Notification(Guid.NewGuid())!.WindowStart);
        Assert.Equal(0, third.Count);
    }

    [Fact]
    public void SeenLastTime_OutsideTheWindowNow_DoesNotCountAgain()
    {
        // Arrange: a record counted below the threshold last time has slid out of the window.
        var rule = Rule(threshold: 1) with { Frequency = TimeSpan.FromMinutes(5) };
        var previousNow = Now.AddMinutes(-5);
        var old = Record(previousNow.AddMinutes(-1), 4);
        var firstRound = new AlertEvaluation(rule, previousNow);
        firstRound.Offer(old);
        var state = firstRound.NextState(delivered: false);

        // Act
        var second = Evaluate(rule with { State = state }, old, Record(Now.AddMinutes(-1), 5));

        // Assert
        Assert.False(firstRound.Fires);
        Assert.Equal(ChainSequences.Parse("node-a:4"), state.Seen);
        Assert.Equal(1, second.Count);
    }

    [Fact]
    public void UnknownSeen_NoLateArrivals_TheWindowOnly()
    {
        // Arrange: a rule whose condition was just replaced (or stored before arrivals were tracked).
        var state = new AlertRuleState(Now.AddMinutes(-5), null, ChainSequences.Empty, null);
        var beforeWindow = Record(Now.AddMinutes(-6), 1);

        // Act
        var evaluation = Evaluate(Rule(state: state), Record(Now.AddMinutes(-1), 2), beforeWindow);

        // Assert
        Assert.Equal(Now.AddMinutes(-5), evaluation.ScanStart);
        Assert.Equal(1, evaluation.Count);
    }

    [Fact]
    public void NextState_UndeliveredOrNotFired_KeepsWhatWasSentAndRecordsWhatWasSeen()
    {
        // Arrange
        var sent = ChainSequences.Parse("node-a:1");
        var state = new AlertRuleState(Now.AddMinutes(-1), Now.AddMinutes(-3), sent, ChainSequences.Empty);
        var fired = Evaluate(Rule(state: state), Record(Now.AddSeconds(-5), 2));
        var quiet = Evaluate(Rule(state: state));

        // Act
        var undelivered = fired.NextState(delivered: false);
        var nothing = quiet.NextState(delivered: false);

        // Assert
        Assert.True(fired.Fires);
        Assert.Equal(new AlertRuleState(Now, Now.AddMinutes(-3), sent, ChainSequences.Parse("node-a:2")), undelivered);
        Assert.Equal(new AlertRuleState(Now, Now.AddMinutes(-3), sent, ChainSequences.Empty), nothing);
    }

    [Fact]
    public void Query_FromTheEarlierWindowStart_PastWhatWasSent()
    {
        // Arrange
        var sent = ChainSequences.Parse("node-a:5,node-b:2");
        var afterAnEvaluation = new AlertRuleState(Now.AddMinutes(-1), null, sent, ChainSequences.Empty);
        var longAgo = new AlertRuleState(Now.AddHours(-1), null, sent, ChainSequences.Empty);

        // Act
        var overlapping = new AlertEvaluation(Rule(state: afterAnEvaluation), Now).Query(100);
        var fromWindow = new AlertEvaluation(Rule(state: longAgo), Now).Query(100);

        // Assert
        Assert.Equal(Now.AddMinutes(-6), overlapping.Since);
        Assert.Equal(Now.AddMinutes(-5), fromWindow.Since);
        Assert.Null(fromWindow.Until);
        Assert.Equal(sent, fromWindow.After);
        Assert.Equal(AuditOrder.NewestFirst, fromWindow.Order);
        Assert.Equal("billing", fromWindow.VaultName);
        Assert.Equal(["SecretGet"], fromWindow.OperationNames);
        Assert.Equal(["Unauthorized", "Forbidden"], fromWindow.ResultTypes);
    }

    [Fact]
    public void Notification_ListsAtMostMaxRecordsNewestFirst_AndCountsTheRest()
    {
        // Arrange
        var flood = Enumerable.Range(1, AlertEvaluation.MaxRecordsSent + 10).Select(i => Record(Now.AddMilliseconds(-i), i)).ToArray();

        // Act
        var notification = Evaluate(Rule(), flood).Notification(Guid.NewGuid());

        // Assert
        Assert.NotNull(notification);
        Assert.Equal(AlertEvaluation.MaxRecordsSent + 10, notification.Count);
        Assert.Equal(AlertEvaluation.MaxRecordsSent, notification.Records.Count);
        Assert.True(notification.Truncated);
        Assert.Equal(1, notification.Records[0].Sequence);
    }
}
