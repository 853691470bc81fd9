using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pilote.Access;
using Pilote.Common;

namespace Pilote.App.Api;

/// <summary>A write sent without <c>If-Match</c>: the client must say which version it edits (428).</summary>
public sealed class PreconditionRequiredException(string message) : Exception(message);

/// <summary>A request that contradicts an earlier one (an Idempotency-Key reused for another body: 422; one still running: 409).</summary>
public sealed class ConflictException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// Turns the domain's exceptions into problem+json, in one place: bad input → 400 with an <c>errors</c> map naming each
/// field, not found (or in another workspace) → 404, role too low → 403, stale version → 412 with the current version.
/// </summary>
public sealed partial class ApiProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = ToProblem(exception);
        if (problem is null)
            return false;
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        ForbiddenException e => Problem(StatusCodes.Status403Forbidden, "Forbidden", e.Message),
        NotFoundException e => Problem(StatusCodes.Status404NotFound, "Not found", e.Message),
        StaleWriteException e => Stale(e.Message, e.CurrentVersion, null),
        PreconditionRequiredException e => Problem(StatusCodes.Status428PreconditionRequired, "If-Match required", e.Message),
        ConflictException e => Problem(e.Status, e.Status == StatusCodes.Status409Conflict ? "Conflict" : "Unprocessable request", e.Message),
        PiloteInputException e => Invalid(e.Message),
        BadHttpRequestException e => BadRequest(e),
        DbUpdateException e => Problem(StatusCodes.Status409Conflict, "Conflict", "the change conflicts with data stored meanwhile; reload and retry: " + (e.InnerException?.Message ?? e.Message)),
        _ => null,
    };

    public static ProblemDetails Problem(int status, string title, string? detail) => new() { Status = status, Title = title, Detail = detail };

    /// <summary>412: the client's copy is stale. The body carries the current version and, when known, the current resource.</summary>
    public static ProblemDetails Stale(string detail, int currentVersion, object? current)
    {
        var p = Problem(StatusCodes.Status412PreconditionFailed, "Stale version", detail);
        p.Extensions["currentVersion"] = currentVersion;
        p.Extensions["currentETag"] = ApiVersions.Tag(currentVersion);
        if (current is not null)
            p.Extensions["current"] = current;
        return p;
    }

    /// <summary>400 with one entry per field named at the start of a message line (<c>--due: …</c>, <c>measurements[3].metric: …</c>).</summary>
    public static ProblemDetails Invalid(string message)
    {
        var errors = new Dictionary<string, List<string>>();
        foreach (var line in message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var m = FieldPrefix().Match(line);
            if (!m.Success)
                continue;
            var field = FieldName(m.Groups["field"].Value);
            if (!errors.TryGetValue(field, out var list))
                errors[field] = list = [];
            list.Add(line[m.Length..].Trim());
        }
        var p = Problem(StatusCodes.Status400BadRequest, "Invalid input", message);
        if (errors.Count > 0)
            p.Extensions["errors"] = errors;
        return p;
    }

    /// <summary>CLI option names become JSON property names: <c>--promo-code</c> → <c>promoCode</c>.</summary>
    public static string FieldName(string raw)
    {
        if (!raw.StartsWith("--", StringComparison.Ordinal))
            return raw;
        var name = raw[2..];
        var parts = name.Split('-');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? "" : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static ProblemDetails BadRequest(BadHttpRequestException e)
    {
        if (e.StatusCode != StatusCodes.Status400BadRequest)
            return Problem(e.StatusCode, e.StatusCode == StatusCodes.Status415UnsupportedMediaType ? "Unsupported media type" : "Bad request", e.Message);
        if (e.InnerException is JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
            // Input types refuse a field they do not know (a typo ignored would let a script believe it changed something);
            // the path names it, and the serializer's message names a .NET type the client has never heard of.
            if (json.Message.StartsWith("The JSON property", StringComparison.Ordinal) && json.Message.Contains("could not be mapped", StringComparison.Ordinal))
                return Invalid(UnknownFields.Describe(field, json.Message));
            // The serializer names the .NET type it could not fill ("…converted to Pilote.Actions.ActionFields"): a
            // client knows the field, and the body as an object, not the server's types.
            var why = json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
                ? field == "body" ? "send a JSON object with the fields to set" : "a value of another JSON type than this field takes"
                : json.Message.Split(". Path:")[0];
            return Invalid($"{field}: not the expected JSON ({why})");
        }
        return Invalid(e.Message);
    }

    [GeneratedRegex(@"^(?<field>--[a-z][a-z0-9-]*|[A-Za-z][A-Za-z0-9_]*(\[\d+\])?(\.[A-Za-z][A-Za-z0-9_]*)*|Idempotency-Key|If-Match)\s*:\s")]
    private static partial Regex FieldPrefix();
}
