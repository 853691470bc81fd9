using Microsoft.AspNetCore.Identity;
using Pilote.Common;

namespace Pilote.Access;

/// <summary>A person who signs in. Access to data goes through <see cref="WorkspaceMember"/>: a user with no membership sees nothing.</summary>
public sealed class PiloteUser : IdentityUser<int>, IVersioned
{
    public string? DisplayName { get; set; }

    /// <summary>The person's UI language and number/date culture: "fr-FR" by default, "en-GB" or "en-US" on request.</summary>
    public string Culture { get; set; } = "fr-FR";

    /// <summary>A system administrator: creates workspaces and sees every one of them.</summary>
    public bool IsAdmin { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The ETag of <c>/api/v1/me</c>: a change of language from another tab or client is not silently overwritten.</summary>
    public int Version { get; set; }
    public List<WorkspaceMember> Memberships { get; set; } = [];
}
