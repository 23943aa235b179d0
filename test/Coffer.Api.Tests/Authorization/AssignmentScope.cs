namespace Coffer.Api.Tests.Authorization;

/// <summary>Where the matrix assigns a role, relative to the secret <see cref="SecretOperationTable.Target"/> of vault 'dev'.</summary>
public enum AssignmentScope
{
    /// <summary>Vault 'dev' itself: covers every operation on it.</summary>
    Vault,

    /// <summary><c>{dev}/secrets/target</c>: covers the operations that act on that secret.</summary>
    SameSecret,

    /// <summary><c>{dev}/secrets/elsewhere</c>: covers nothing the matrix does.</summary>
    OtherSecret,

    /// <summary>Another vault: covers nothing on 'dev'.</summary>
    OtherVault,
}
