namespace Pilote.Actions;

/// <summary>Action statuses, in the order the plan walks through them.</summary>
public enum ActionStatus
{
    Planned,
    Ready,
    InProgress,
    Live,
    Paused,
    Done,
    Stopped,
}

/// <summary>Background (fond), recurring (récurrente) or one-off (ponctuelle) work.</summary>
public enum ActionKind
{
    Background,
    Recurring,
    OneOff,
}

public enum Periodicity
{
    Daily,
    Weekly,
    Monthly,
    Quarterly,
    OneOff,
}

/// <summary>Kinds of code that tie an exported row to an action.</summary>
public enum TrackingKind
{
    UtmCampaign,
    CampaignName,
    Alias,
    PromoCode,
    Url,
}

public enum CommentKind
{
    Comment,
    Adjustment,
}
