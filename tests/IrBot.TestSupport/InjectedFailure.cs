namespace IrBot.TestSupport;

/// <summary>What <see cref="FailureInjector"/> does to one request.</summary>
public enum InjectedFailure
{
    /// <summary>503 with nothing done: the vendor is down for a moment.</summary>
    ServiceUnavailable,

    /// <summary>429 with <c>Retry-After: 1</c> and nothing done, as every vendor rate-limits.</summary>
    RateLimited,

    /// <summary>The connection drops before the request is carried out.</summary>
    ResetBeforeDoing,

    /// <summary>Carried out and answered, but slowly (under the caller's timeout).</summary>
    SlowAnswer,

    /// <summary>Carried out, then the connection drops: the caller never hears that it happened.</summary>
    ResetAfterDoing,

    /// <summary>Carried out, then answered only after the caller's timeout: the caller gives up first.</summary>
    AnswerAfterTimeout,
}
