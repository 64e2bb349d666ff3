namespace IrBot.Integrations;

/// <summary>What a failure of another system means for the caller (see <see cref="ErrorClassifier"/>).</summary>
public enum ErrorKind
{
    /// <summary>Down, busy or slow: waiting and trying again should work.</summary>
    Transient,

    /// <summary>Trying again cannot work until a person fixes something (a token, a scope, a permission, a channel).</summary>
    Permanent,

    /// <summary>Neither is known (a 400, a 409, a 500, an unexpected Slack error): the caller decides.</summary>
    Unknown,
}
