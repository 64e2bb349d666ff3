using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace IrBot.Statistics;

/// <summary>
/// <c>Workflows:AuthorizedUsers</c>: Slack user ids who, besides the IR team and workspace admins, may reset
/// and export the statistics (and run the workflow administration). Bound here from the shared section.
/// </summary>
public sealed partial class AuthorizedUsersOptions : IValidatableObject
{
    public const string Section = "Workflows";

    public List<string> AuthorizedUsers { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        AuthorizedUsers.Where(u => !UserId().IsMatch(u ?? string.Empty))
            .Select(u => new ValidationResult($"Workflows:AuthorizedUsers: '{u}' is not a Slack user id (U… or W…).", [nameof(AuthorizedUsers)]));

    [GeneratedRegex("^[UW][A-Z0-9]{2,}$")]
    private static partial Regex UserId();
}
