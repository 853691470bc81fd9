namespace Pilote.Migrations.Postgres;

/// <summary>
/// The tables Quartz.NET's clustered ADO job store reads and writes (its PostgreSQL delegate's column names), created
/// by our migration so that <c>pilote db migrate</c> prepares everything the scheduler needs on a team database.
/// Quartz's schema is a contract of the library: names follow it, with the qrtz_ prefix of the default configuration.
/// </summary>
internal static class QuartzSchema
{
    private static readonly string[] Tables =
    [
        "qrtz_fired_triggers", "qrtz_paused_trigger_grps", "qrtz_scheduler_state", "qrtz_locks", "qrtz_simprop_triggers",
        "qrtz_simple_triggers", "qrtz_cron_triggers", "qrtz_blob_triggers", "qrtz_triggers", "qrtz_job_details", "qrtz_calendars",
    ];

    private const string Key = "sched_name text not null, trigger_name text not null, trigger_group text not null";
    private const string TriggerKey = "primary key (sched_name, trigger_name, trigger_group), foreign key (sched_name, trigger_name, trigger_group) references qrtz_triggers (sched_name, trigger_name, trigger_group) on delete cascade";

    public const string Create = $"""
        create table qrtz_job_details (sched_name text not null, job_name text not null, job_group text not null, description text,
            job_class_name text not null, is_durable bool not null, is_nonconcurrent bool not null, is_update_data bool not null,
            requests_recovery bool not null, job_data bytea, primary key (sched_name, job_name, job_group));
        create table qrtz_triggers ({Key}, job_name text not null, job_group text not null, description text,
            next_fire_time bigint, prev_fire_time bigint, priority integer, trigger_state text not null, trigger_type text not null,
            start_time bigint not null, end_time bigint, calendar_name text, misfire_instr smallint, misfire_orig_fire_time bigint, job_data bytea,
            primary key (sched_name, trigger_name, trigger_group),
            foreign key (sched_name, job_name, job_group) references qrtz_job_details (sched_name, job_name, job_group));
        create table qrtz_simple_triggers ({Key}, repeat_count bigint not null, repeat_interval bigint not null, times_triggered bigint not null, {TriggerKey});
        create table qrtz_simprop_triggers ({Key}, str_prop_1 text, str_prop_2 text, str_prop_3 text, int_prop_1 integer, int_prop_2 integer,
            long_prop_1 bigint, long_prop_2 bigint, dec_prop_1 numeric, dec_prop_2 numeric, bool_prop_1 bool, bool_prop_2 bool, time_zone_id text, {TriggerKey});
        create table qrtz_cron_triggers ({Key}, cron_expression text not null, time_zone_id text, {TriggerKey});
        create table qrtz_blob_triggers ({Key}, blob_data bytea, {TriggerKey});
        create table qrtz_calendars (sched_name text not null, calendar_name text not null, calendar bytea not null, primary key (sched_name, calendar_name));
        create table qrtz_paused_trigger_grps (sched_name text not null, trigger_group text not null, primary key (sched_name, trigger_group));
        create table qrtz_fired_triggers (sched_name text not null, entry_id text not null, trigger_name text not null, trigger_group text not null,
            instance_name text not null, fired_time bigint not null, sched_time bigint not null, priority integer not null, state text not null,
            job_name text, job_group text, is_nonconcurrent bool not null, requests_recovery bool, primary key (sched_name, entry_id));
        create table qrtz_scheduler_state (sched_name text not null, instance_name text not null, last_checkin_time bigint not null,
            checkin_interval bigint not null, primary key (sched_name, instance_name));
        create table qrtz_locks (sched_name text not null, lock_name text not null, primary key (sched_name, lock_name));
        create index ix_qrtz_triggers_next_fire on qrtz_triggers (sched_name, trigger_state, next_fire_time);
        create index ix_qrtz_fired_instance on qrtz_fired_triggers (sched_name, instance_name);
        create index ix_qrtz_fired_trigger on qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
        """;

    public static string Drop => string.Join("\n", Tables.Select(t => $"drop table if exists {t};"));
}
