using Microsoft.EntityFrameworkCore;
using Pilote.Common;
using Pilote.Data;
using Pilote.Kpis;

namespace Pilote.Plans;

public static class WorkspaceService
{
    public const string DefaultSlug = "default";

    /// <summary>The workspace named by slug, id or name; without one, the default workspace (created on first use).</summary>
    public static async Task<Workspace> ResolveAsync(PiloteDb db, TimeProvider clock, string? reference, CancellationToken ct = default)
    {
        if (!string.IsNullOrWhiteSpace(reference))
        {
            var all = await db.Workspaces.OrderBy(w => w.Id).ToListAsync(ct);
            var bySlug = all.FirstOrDefault(w => string.Equals(w.Slug, reference.Trim(), StringComparison.OrdinalIgnoreCase));
            return bySlug ?? Refs.Pick(all, reference, w => w.Id, w => w.Name, "workspace");
        }
        // Untracked, read without a LINQ query: callers take its id and name (a bulk import then runs no LINQ query at all).
        var existing = (await EntityReads.WhereAsync<Workspace>(db, nameof(Workspace.Slug), DefaultSlug, ct)).FirstOrDefault();
        return existing ?? await CreateAsync(db, clock, "Mon espace", DefaultSlug, ct);
    }

    /// <summary>Creates a workspace with the default channel, KPI and metric catalog.</summary>
    public static async Task<Workspace> CreateAsync(PiloteDb db, TimeProvider clock, string name, string slug, CancellationToken ct = default)
    {
        // Two saves (the catalog needs the workspace's id): one transaction, so a failure leaves nothing behind.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var workspace = new Workspace { Name = name, Slug = slug, CreatedAt = clock.GetUtcNow() };
        db.Workspaces.Add(workspace);
        await db.SaveChangesAsync(ct);
        CatalogSeed.Seed(db, workspace.Id);
        await db.SaveChangesAsync(ct);
        if (tx is not null)
            await tx.CommitAsync(ct);
        return workspace;
    }
}
