using Pilote.Common;

namespace Pilote.Access;

/// <summary>The person can see the thing but their role does not allow this change (a viewer editing, an editor administering).</summary>
public sealed class ForbiddenException(string message) : PiloteInputException(message);
