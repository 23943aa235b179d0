namespace Coffer.Core.Authorization;

/// <summary>
/// A data-plane operation as both permission models see it: the RBAC data action it needs, the access-policy
/// permission it needs (<c>secrets</c>/<c>get</c>, say), and whether it acts on one object (so an assignment at that
/// object's scope suffices) or on the whole vault (lists, restore).
/// </summary>
public sealed record DataOperation(string Name, string DataAction, string PolicyKind, string PolicyPermission, bool OnObject);
