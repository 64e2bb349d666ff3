namespace IrBot.Participants;

/// <summary>The <c>Participants</c> section.</summary>
public sealed class ParticipantsOptions
{
    public const string Section = "Participants";

    public const string DefaultRules =
        "*Incident channel rules*\n" +
        "• Membership is need-to-know: check with the incident commander before inviting anyone.\n" +
        "• Keep what is said here confidential; do not forward or screenshot it.\n" +
        "• Keep to facts; post findings, actions and times so the scribe can record them.\n" +
        "• When your help is no longer needed, please leave the channel.";

    /// <summary>The rules sent by DM on joining and every <c>Schedules:RulesReminder</c>. Slack mrkdwn.</summary>
    public string RulesText { get; set; } = DefaultRules;

    /// <summary>People outside the IR team in a channel longer than this are asked whether they still need to be there.</summary>
    public double DwellThresholdHours { get; set; } = 24;

    /// <summary>Where <c>/irbot search</c> finds a person's department: <c>title</c> or a custom profile field id (<c>Xf…</c>).</summary>
    public string DepartmentField { get; set; } = "title";

    /// <summary>How long the list of departments (built from users.list) is kept before it is read again.</summary>
    public int DirectoryRefreshMinutes { get; set; } = 60;

    public string Rules => string.IsNullOrWhiteSpace(RulesText) ? DefaultRules : RulesText;
}
