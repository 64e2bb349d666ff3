namespace IrBot.Work;

/// <summary>
/// The person who asked for a job, so that a job that fails for good tells them (not only the admins).
/// </summary>
/// <param name="UserId">Who asked.</param>
/// <param name="What">What they asked for, as a phrase: "the opening of incident 3: VPN logins".</param>
/// <param name="ResponseUrl">Where to answer them ephemerally (a slash command's or click's response_url, valid 30 minutes).</param>
/// <param name="ReplacesReply">The command's own reply promised the result ("you will be invited in a moment"): the
/// failure notice replaces it through the response_url, so the promise does not stand.</param>
public sealed record WorkRequester(string UserId, string What, string? ResponseUrl = null, bool ReplacesReply = false)
{
    /// <summary>How long Slack accepts posts to a response_url.</summary>
    public static readonly TimeSpan ResponseUrlLifetime = TimeSpan.FromMinutes(30);
}
