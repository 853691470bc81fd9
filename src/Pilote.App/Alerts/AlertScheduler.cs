using System.Collections.Specialized;
using System.Text.Json;
using Pilote.Alerts;
using Pilote.Data;
using Quartz;
using Quartz.Impl;
using Quartz.Spi;

namespace Pilote.App.Alerts;

/// <summary>The scheduled alert check: the checks and deliveries every hour, the weekly digest on Monday mornings.</summary>
[DisallowConcurrentExecution]
public sealed class AlertCheckJob(DatabaseTarget target, TimeProvider clock, AlertOptions options) : IJob
{
    public const string DigestKey = "digest";

    public async Task Execute(IJobExecutionContext context)
    {
        await using var db = target.Open();
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var digest = context.MergedJobDataMap.ContainsKey(DigestKey);
        await new AlertService(db, clock, options, context.Scheduler.SchedulerInstanceId).RunAsync(today, digest, context.CancellationToken);
    }
}

/// <summary>
/// Runs Quartz inside <c>pilote serve</c>. On PostgreSQL the job store is Quartz's clustered ADO store in the app's
/// database (tables made by our migration): several instances share the triggers and only one fires each. On SQLite
/// (one process) the store is in memory. Either way the alert ledger's unique key is what prevents a double send.
/// </summary>
public sealed class AlertSchedulerService(IServiceProvider services, DatabaseTarget target, string? instanceId = null) : IHostedService
{
    private readonly CancellationTokenSource _stop = new();
    private IScheduler? _scheduler;
    private Task _running = Task.CompletedTask;

    public IScheduler? Scheduler => _scheduler;

    /// <summary>Why the last start attempt failed, if it did.</summary>
    public Exception? LastError { get; private set; }

    public static NameValueCollection Properties(DatabaseTarget target, string? instanceId)
    {
        var p = new NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = SchedulerName(target),
            ["quartz.scheduler.instanceId"] = instanceId ?? "AUTO",
            ["quartz.threadPool.maxConcurrency"] = "2",
        };
        if (target.Provider == DatabaseProvider.Postgres)
        {
            p["quartz.jobStore.type"] = "Quartz.Impl.AdoJobStore.JobStoreTX, Quartz";
            p["quartz.jobStore.driverDelegateType"] = "Quartz.Impl.AdoJobStore.PostgreSQLDelegate, Quartz";
            p["quartz.jobStore.tablePrefix"] = "qrtz_";
            // Quartz's connection manager is process-wide too: the data source carries the database's name as well.
            var source = SchedulerName(target);
            p["quartz.jobStore.dataSource"] = source;
            p["quartz.jobStore.clustered"] = "true";
            p["quartz.jobStore.clusterCheckinInterval"] = "5000";
            p["quartz.jobStore.useProperties"] = "true";
            p[$"quartz.dataSource.{source}.provider"] = "Npgsql";
            p[$"quartz.dataSource.{source}.connectionString"] = target.ConnectionString;
            p["quartz.serializer.type"] = typeof(JsonJobDataSerializer).AssemblyQualifiedName;
        }
        else
        {
            p["quartz.jobStore.type"] = "Quartz.Simpl.RAMJobStore, Quartz";
        }
        return p;
    }

    /// <summary>
    /// Quartz keeps one scheduler per name in a process, and on PostgreSQL the name also keys the cluster's rows. So the
    /// name is the database's: every instance of one deployment shares it (and clusters), while two databases in one
    /// process (tests, an in-memory SQLite store next to a PostgreSQL one) never get each other's scheduler.
    /// </summary>
    public static string SchedulerName(DatabaseTarget target)
    {
        var where = target.Provider == DatabaseProvider.Postgres
            ? new Npgsql.NpgsqlConnectionStringBuilder(target.ConnectionString) is var c ? $"{c.Host}:{c.Port}/{c.Database}" : ""
            : "sqlite:" + target.Display;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(where)))[..12];
        return $"pilote-{hash}";
    }

    /// <summary>
    /// Starts in the background: a database that is down must not keep the web app (and its health endpoint) from
    /// starting, so the scheduler retries every few seconds until its job store answers.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var factory = new StdSchedulerFactory(Properties(target, instanceId));
                    var scheduler = await factory.GetScheduler(_stop.Token);
                    scheduler.JobFactory = new ServiceJobFactory(services);
                    await ScheduleAsync(scheduler, _stop.Token);
                    await scheduler.Start(_stop.Token);
                    _scheduler = scheduler;
                    return;
                }
                catch (Exception ex) when (!_stop.IsCancellationRequested)
                {
                    LastError = ex;
                    // Database down, or another instance adding the same triggers at this moment: try again shortly.
                    await Task.Delay(TimeSpan.FromSeconds(2 + Random.Shared.Next(0, 5)), _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Waits until the scheduler runs (for tests and diagnostics).</summary>
    public async Task<IScheduler> StartedAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (_scheduler is null && DateTime.UtcNow < until)
            await Task.Delay(100);
        return _scheduler ?? throw new TimeoutException($"the alert scheduler did not start: {LastError?.Message}", LastError);
    }

    /// <summary>The two triggers, added once: on a shared store the second instance finds them there.</summary>
    public static async Task ScheduleAsync(IScheduler scheduler, CancellationToken ct)
    {
        var checks = JobBuilder.Create<AlertCheckJob>().WithIdentity("alert-checks", "pilote").StoreDurably().Build();
        var digest = JobBuilder.Create<AlertCheckJob>().WithIdentity("alert-digest", "pilote").UsingJobData(AlertCheckJob.DigestKey, "1").StoreDurably().Build();
        var hourly = TriggerBuilder.Create().WithIdentity("alert-checks-hourly", "pilote").ForJob(checks)
            .WithCronSchedule("0 5 * * * ?").Build();
        var monday = TriggerBuilder.Create().WithIdentity("alert-digest-monday", "pilote").ForJob(digest)
            .WithCronSchedule("0 0 8 ? * MON").Build();
        if (await scheduler.CheckExists(checks.Key, ct) && await scheduler.CheckExists(digest.Key, ct))
            return;
        await scheduler.ScheduleJobs(new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>
        {
            [checks] = [hourly],
            [digest] = [monday],
        }, replace: true, ct);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (Exception) when (_scheduler is null)
        {
            // Stopped while still starting: nothing was running.
        }
        if (_scheduler is not null)
            await _scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
    }

    private sealed class ServiceJobFactory(IServiceProvider services) : IJobFactory
    {
        public IJob NewJob(TriggerFiredBundle bundle, IScheduler scheduler) =>
            (IJob)ActivatorUtilities.CreateInstance(services, bundle.JobDetail.JobType);

        public void ReturnJob(IJob job)
        {
        }
    }
}

/// <summary>
/// Quartz's ADO store wants a serializer; with <c>useProperties</c> job data is a few strings, kept as a JSON object.
/// </summary>
public sealed class JsonJobDataSerializer : IObjectSerializer
{
    public void Initialize()
    {
    }

    public byte[] Serialize<T>(T obj)
        where T : class
    {
        var values = obj switch
        {
            NameValueCollection nvc => nvc.AllKeys.OfType<string>().ToDictionary(k => k, k => nvc[k]),
            JobDataMap map => map.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString()),
            _ => throw new NotSupportedException($"Pilote stores no {obj.GetType().Name} in Quartz"),
        };
        return JsonSerializer.SerializeToUtf8Bytes(values);
    }

    public T? DeSerialize<T>(byte[] data)
        where T : class
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(data) ?? [];
        if (typeof(T).IsAssignableFrom(typeof(NameValueCollection)))
        {
            var nvc = new NameValueCollection();
            foreach (var (k, v) in values)
                nvc[k] = v;
            return nvc as T;
        }
        if (typeof(T).IsAssignableFrom(typeof(JobDataMap)))
        {
            var map = new JobDataMap();
            foreach (var (k, v) in values)
                map[k] = v!;
            return map as T;
        }
        throw new NotSupportedException($"Pilote stores no {typeof(T).Name} in Quartz");
    }
}
