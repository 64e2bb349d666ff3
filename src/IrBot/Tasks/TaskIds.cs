using System.Globalization;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Tasks;

public static class TaskIds
{
    public static string Format(int id) => "T-" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Accepts <c>T-7</c>, <c>t7</c> or <c>7</c>.</summary>
    public static int? Parse(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim().TrimStart('T', 't').TrimStart('-').Trim();
        return int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }
}
