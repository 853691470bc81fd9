using Pilote.Plans;

namespace Pilote.Access;

/// <summary>What a member may do in one workspace. Ordered: a higher role can do everything a lower one can.</summary>
public enum WorkspaceRole
{
    Viewer = 1,
    Editor = 2,
    Admin = 3,
}

public static class WorkspaceRoles
{
    /// <summary>The role a person typed (admin, editor, viewer, any case); null when the word is none of them.</summary>
    public static WorkspaceRole? FromWord(string? word) => word?.Trim().ToLowerInvariant() switch
    {
        "admin" => WorkspaceRole.Admin,
        "editor" => WorkspaceRole.Editor,
        "viewer" => WorkspaceRole.Viewer,
        _ => null,
    };

    /// <summary>The role in the reader's words: administrateur, éditeur, lecteur (admin, editor, viewer).</summary>
    public static string Word(WorkspaceRole role, bool french) => role switch
    {
        WorkspaceRole.Admin => french ? "administrateur" : "admin",
        WorkspaceRole.Editor => french ? "éditeur" : "editor",
        _ => french ? "lecteur" : "viewer",
    };
}

/// <summary>A user's role in one workspace (an agency gives each client's team a membership in that client only).</summary>
public sealed class WorkspaceMember
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public Workspace? Workspace { get; set; }
    public int UserId { get; set; }
    public PiloteUser? User { get; set; }
    public WorkspaceRole Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
