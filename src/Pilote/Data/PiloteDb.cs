using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Pilote.Access;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Kpis;
using Pilote.Measurements;
using Pilote.Objectives;
using Pilote.Plans;
using Pilote.Reviews;
using Pilote.Strategy;
using Pilote.Targets;

namespace Pilote.Data;

/// <summary>The one DbContext, over SQLite or PostgreSQL (see <see cref="DatabaseTarget"/>).</summary>
public sealed class PiloteDb(DbContextOptions<PiloteDb> options) : IdentityUserContext<PiloteUser, int>(options)
{
    public DbSet<WorkspaceMember> WorkspaceMembers => Set<WorkspaceMember>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();
    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<Objective> Objectives => Set<Objective>();
    public DbSet<PlanAction> Actions => Set<PlanAction>();
    public DbSet<ActionObjective> ActionObjectives => Set<ActionObjective>();
    public DbSet<ActionKpi> ActionKpis => Set<ActionKpi>();
    public DbSet<TargetChange> TargetChanges => Set<TargetChange>();
    public DbSet<TrackingCode> TrackingCodes => Set<TrackingCode>();
    public DbSet<ActionComment> ActionComments => Set<ActionComment>();
    public DbSet<ActionChange> ActionChanges => Set<ActionChange>();
    public DbSet<Channel> Channels => Set<Channel>();
    public DbSet<ChannelKpi> ChannelKpis => Set<ChannelKpi>();
    public DbSet<KpiDefinition> KpiDefinitions => Set<KpiDefinition>();
    public DbSet<MetricDefinition> MetricDefinitions => Set<MetricDefinition>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Persona> Personas => Set<Persona>();
    public DbSet<Measurement> Measurements => Set<Measurement>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<UnmatchedMeasurement> UnmatchedMeasurements => Set<UnmatchedMeasurement>();
    public DbSet<MeasurementTotal> MeasurementTotals => Set<MeasurementTotal>();
    public DbSet<MeasurementMonth> MeasurementMonths => Set<MeasurementMonth>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<ReviewDecision> ReviewDecisions => Set<ReviewDecision>();
    public DbSet<Alerts.AlertSubscription> AlertSubscriptions => Set<Alerts.AlertSubscription>();
    public DbSet<Alerts.AlertDelivery> AlertDeliveries => Set<Alerts.AlertDelivery>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Enums are stored by name: readable in SQL, and reordering an enum never rewrites meaning.
        builder.Properties<ActionStatus>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<ActionKind>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<Periodicity>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<TrackingKind>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<CommentKind>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<Comparator>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<TargetKind>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<KpiUnit>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<Direction>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<Aggregation>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<ChannelFamily>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<PlanTemplate>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<DecisionVerdict>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<WorkspaceRole>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<Alerts.AlertChannel>().HaveConversion<string>().HaveMaxLength(16);
        builder.Properties<Alerts.DeliveryStatus>().HaveConversion<string>().HaveMaxLength(16);
        // Money and targets: exact decimals. Measurement values get more places (positions, averages).
        builder.Properties<decimal>().HavePrecision(18, 4);
        builder.Properties<string>().HaveMaxLength(2000);
    }

    /// <summary>
    /// On PostgreSQL the measurement tables (measurements, their daily and monthly totals) name their action and batch
    /// without a foreign key: a key is checked by a trigger per row, and an import of a few hundred thousand sums spent
    /// most of its time there (inserting 328 500 sums: 4,0 to 6,2 s with the keys, 1,9 s with the triggers below). Migration <c>SetBasedMeasurementKeys</c> puts the same
    /// rules in statement-level triggers instead: the actions and batches a statement names are locked and checked once,
    /// and deleting an action or a batch deletes its measurements. SQLite checks a key in microseconds and keeps them.
    /// </summary>
    private bool SetBasedMeasurementKeys => Database.IsNpgsql();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        AccessModel.Configure(b);
        IdempotentRequest.Configure(b);
        b.Entity<Workspace>(e =>
        {
            e.ToTable("workspaces");
            e.HasIndex(x => x.Slug).IsUnique();
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Slug).HasMaxLength(100);
        });
        b.Entity<Plan>(e =>
        {
            e.ToTable("plans");
            e.HasIndex(x => x.WorkspaceId);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.Culture).HasMaxLength(16);
            e.HasOne(x => x.Workspace).WithMany(w => w.Plans).HasForeignKey(x => x.WorkspaceId);
        });
        b.Entity<Objective>(e =>
        {
            e.ToTable("objectives");
            e.HasOne(x => x.Plan).WithMany(p => p.Objectives).HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.KpiKey).HasMaxLength(64);
        });
        b.Entity<PlanAction>(e =>
        {
            e.ToTable("actions");
            e.HasIndex(x => new { x.PlanId, x.Position });
            e.Property(x => x.Title).HasMaxLength(300);
            e.HasOne(x => x.Plan).WithMany(p => p.Actions).HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Channel).WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Product).WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<ActionObjective>(e =>
        {
            e.ToTable("action_objectives");
            e.HasKey(x => new { x.ActionId, x.ObjectiveId });
            e.HasOne(x => x.Action).WithMany(a => a.Objectives).HasForeignKey(x => x.ActionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Objective).WithMany(o => o.Actions).HasForeignKey(x => x.ObjectiveId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ActionKpi>(e =>
        {
            e.ToTable("action_kpis");
            e.HasIndex(x => new { x.ActionId, x.KpiId }).IsUnique();
            e.HasOne(x => x.Action).WithMany(a => a.Kpis).HasForeignKey(x => x.ActionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Kpi).WithMany().HasForeignKey(x => x.KpiId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.History).WithOne().HasForeignKey(h => h.ActionKpiId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(x => x.Target);
        });
        b.Entity<TargetChange>(e => e.ToTable("target_changes"));
        b.Entity<TrackingCode>(e =>
        {
            e.ToTable("tracking_codes");
            e.Property(x => x.Value).HasMaxLength(300);
            e.Property(x => x.Normalized).HasMaxLength(300);
            e.HasIndex(x => x.Normalized);
            e.HasIndex(x => new { x.ActionId, x.Kind, x.Normalized }).IsUnique();
            e.HasOne(x => x.Action).WithMany(a => a.TrackingCodes).HasForeignKey(x => x.ActionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ActionComment>(e =>
        {
            e.ToTable("action_comments");
            e.HasOne<PlanAction>().WithMany(a => a.Comments).HasForeignKey(x => x.ActionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ActionChange>(e =>
        {
            e.ToTable("action_changes");
            e.HasIndex(x => new { x.ActionId, x.At });
            e.Property(x => x.By).HasMaxLength(200);
            e.Property(x => x.Field).HasMaxLength(32);
            e.Property(x => x.Subject).HasMaxLength(64);
            e.HasOne(x => x.Action).WithMany().HasForeignKey(x => x.ActionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Channel>(e =>
        {
            e.ToTable("channels");
            e.HasIndex(x => new { x.WorkspaceId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(64);
            e.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ChannelKpi>(e =>
        {
            e.ToTable("channel_kpis");
            e.HasKey(x => new { x.ChannelId, x.KpiId });
            e.HasOne<Channel>().WithMany(c => c.Kpis).HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Kpi).WithMany().HasForeignKey(x => x.KpiId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<KpiDefinition>(e =>
        {
            e.ToTable("kpis");
            e.HasIndex(x => new { x.WorkspaceId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(64);
            e.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<MetricDefinition>(e =>
        {
            e.ToTable("metrics");
            e.HasIndex(x => new { x.WorkspaceId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.WeightMetric).HasMaxLength(64);
            e.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Product>(e =>
        {
            e.ToTable("products");
            e.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Persona>(e =>
        {
            e.ToTable("personas");
            e.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Measurement>(e =>
        {
            e.ToTable("measurements");
            e.Property(x => x.Metric).HasMaxLength(64);
            e.Property(x => x.Source).HasMaxLength(32);
            e.Property(x => x.Value).HasPrecision(24, 6);
            // Per-action, per-metric, per-period sums read this index only.
            e.HasIndex(x => new { x.ActionId, x.Metric, x.PeriodStart });
            if (Database.IsNpgsql())
            {
                // A batch's rows are appended together, so a block range index finds them (undo, --replace) at a fraction
                // of a B-tree's cost to every import; and the ids are handed out a thousand at a time, not one sequence
                // update per row. Together a sixth of the COPY of 328 500 rows (1,28 s → 1,0 s on the tests' cluster).
                e.HasIndex(x => x.BatchId).HasMethod("brin");
                e.Property(x => x.Id).HasIdentityOptions(numbersToCache: 1000);
            }
            else
                e.HasIndex(x => x.BatchId);
            if (!SetBasedMeasurementKeys)
                e.HasOne<PlanAction>().WithMany().HasForeignKey(x => x.ActionId).OnDelete(DeleteBehavior.Cascade);
            if (!SetBasedMeasurementKeys)
                e.HasOne<ImportBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ImportBatch>(e =>
        {
            e.ToTable("import_batches");
            e.Property(x => x.Source).HasMaxLength(32);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.Property(x => x.FileName).HasMaxLength(300);
            e.Property(x => x.ImportedBy).HasMaxLength(200);
            e.HasIndex(x => new { x.WorkspaceId, x.Hash });
            e.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<MeasurementTotal>(e =>
        {
            e.ToTable("measurement_totals");
            // Action, then days: a window of a plan's actions is one range per action (SQLite keeps the rows in this order).
            e.HasKey(x => new { x.ActionId, x.PeriodStart, x.PeriodEnd, x.Metric });
            e.Property(x => x.Metric).HasMaxLength(64);
            e.Ignore(x => x.Sum);
            // Periods longer than a day are few and not in the months: a window finds them here.
            e.HasIndex(x => new { x.ActionId, x.PeriodStart }).HasFilter("\"PeriodStart\" <> \"PeriodEnd\"").HasDatabaseName("IX_measurement_totals_periods");
            if (!SetBasedMeasurementKeys)
                e.HasOne<PlanAction>().WithMany().HasForeignKey(x => x.ActionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<MeasurementMonth>(e =>
        {
            e.ToTable("measurement_months");
            e.HasKey(x => new { x.ActionId, x.Month, x.Metric });
            e.Property(x => x.Metric).HasMaxLength(64);
            // A dashboard's quarter reads three months of every action of a plan: by month, not by scanning every month
            // of every action's history (PostgreSQL chose the scan, 19 ms of 26 on 168 000 rows).
            e.HasIndex(x => new { x.Month, x.ActionId });
            if (!SetBasedMeasurementKeys)
                e.HasOne<PlanAction>().WithMany().HasForeignKey(x => x.ActionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<UnmatchedMeasurement>(e =>
        {
            e.ToTable("unmatched_measurements");
            e.Property(x => x.Key).HasMaxLength(300);
            e.Property(x => x.ChannelGroup).HasMaxLength(100);
            e.Property(x => x.Metric).HasMaxLength(64);
            e.Property(x => x.Value).HasPrecision(24, 6);
            e.HasIndex(x => x.BatchId);
            e.HasOne<ImportBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Alerts.AlertSubscription>(e =>
        {
            e.ToTable("alert_subscriptions");
            // One row per person email and channel in a workspace; UserId links it to the person's account when there is one.
            e.HasIndex(x => new { x.WorkspaceId, x.Email, x.Channel }).IsUnique();
            e.HasIndex(x => x.UserId);
            e.Property(x => x.Email).HasMaxLength(320);
            e.HasOne<Access.PiloteUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.SetNull);
            e.Property(x => x.Kinds).HasMaxLength(200);
            e.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Alerts.AlertDelivery>(e =>
        {
            e.ToTable("alert_deliveries");
            e.HasIndex(x => x.Key).IsUnique();
            e.HasIndex(x => new { x.Status, x.NextAttemptMs });
            e.Property(x => x.Key).HasMaxLength(600);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Subject).HasMaxLength(200);
            e.Property(x => x.Title).HasMaxLength(400);
            e.Property(x => x.Message).HasMaxLength(8000);
            e.Property(x => x.ClaimedBy).HasMaxLength(200);
            e.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Review>(e =>
        {
            e.ToTable("reviews");
            e.HasIndex(x => new { x.PlanId, x.WeekStart }).IsUnique();
            e.Property(x => x.CreatedBy).HasMaxLength(200);
            // The snapshot is the whole review as JSON: unbounded text on both providers.
            e.Property(x => x.Snapshot).HasColumnType("text").Metadata.SetMaxLength(null);
            e.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ReviewDecision>(e =>
        {
            e.ToTable("review_decisions");
            e.HasIndex(x => new { x.ReviewId, x.ActionId });
            e.Property(x => x.Recommended).HasMaxLength(16);
            e.Property(x => x.Chosen).HasMaxLength(16);
            e.Property(x => x.DecidedBy).HasMaxLength(200);
            e.HasOne<Review>().WithMany(r => r.Decisions).HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<PlanAction>().WithMany().HasForeignKey(x => x.ActionId).OnDelete(DeleteBehavior.Cascade);
        });

        foreach (var entity in b.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)))
            b.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
    }

    // Measurements saved through EF move their totals and their action's spent amount in the same transaction.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var totals = global::Pilote.Measurements.MeasurementTotals.BeforeSave(this);
        BumpVersions();
        if (totals is null)
            return base.SaveChanges(acceptAllChangesOnSuccess);
        using var transaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        global::Pilote.Measurements.MeasurementTotals.Apply(this, totals);
        transaction?.Commit();
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var totals = global::Pilote.Measurements.MeasurementTotals.BeforeSave(this);
        BumpVersions();
        if (totals is null)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await global::Pilote.Measurements.MeasurementTotals.ApplyAsync(this, totals, cancellationToken);
        if (transaction is not null)
            await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    // The original Version stays the concurrency check (WHERE version = old); the row gets old + 1.
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Added)
                entry.Entity.Version = 1;
            else if (entry.State == EntityState.Modified)
                entry.Property(x => x.Version).CurrentValue = entry.Property(x => x.Version).OriginalValue + 1;
        }
    }
}
