namespace Pilote.App.Api;

/// <summary>Endpoint metadata: the write needs <c>If-Match</c> (428 without it). Read by the OpenAPI document and the tests.</summary>
public sealed class IfMatchRequired
{
    public static readonly IfMatchRequired Instance = new();
}

/// <summary>Endpoint metadata: the write needs an <c>Idempotency-Key</c>.</summary>
public sealed class IdempotencyKeyRequired
{
    public static readonly IdempotencyKeyRequired Instance = new();
}
