using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Pilote.Access;

/// <summary>Table names for Identity and access, in the same snake_case as the rest of the schema.</summary>
internal static class AccessModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<PiloteUser>(e =>
        {
            e.ToTable("users");
            e.Property(x => x.Culture).HasMaxLength(16);
            e.Property(x => x.DisplayName).HasMaxLength(200);
        });
        b.Entity<IdentityUserClaim<int>>().ToTable("user_claims");
        b.Entity<IdentityUserLogin<int>>().ToTable("user_logins");
        b.Entity<IdentityUserToken<int>>().ToTable("user_tokens");
        b.Entity<WorkspaceMember>(e =>
        {
            e.ToTable("workspace_members");
            e.HasIndex(x => new { x.UserId, x.WorkspaceId }).IsUnique();
            e.HasIndex(x => x.WorkspaceId);
            e.HasOne(x => x.User).WithMany(u => u.Memberships).HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Workspace).WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ApiToken>(e =>
        {
            e.ToTable("api_tokens");
            e.HasIndex(x => x.Hash).IsUnique();
            e.HasIndex(x => x.UserId);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Prefix).HasMaxLength(16);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
