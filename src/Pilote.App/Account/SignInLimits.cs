using Pilote.App.Access;

namespace Pilote.App.Account;

/// <summary>Slows password guessing: a few sign-in posts a minute per address (<see cref="RateLimits.SignIn"/>), on top of Identity's lockout per account.</summary>
public static class SignInLimits
{
    public const string Policy = RateLimits.SignIn;
}
