namespace Coffer.Core.Locks;

/// <summary>ARM's lock levels: <c>CanNotDelete</c> refuses deletes; <c>ReadOnly</c> refuses every change.</summary>
public enum LockLevel
{
    CanNotDelete,
    ReadOnly,
}
