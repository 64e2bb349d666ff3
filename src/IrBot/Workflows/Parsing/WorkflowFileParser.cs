using System.Text.Json;
using System.Text.RegularExpressions;
using IrBot.Workflows.Definitions;
using IrBot.Workflows.Templates;

namespace IrBot.Workflows.Parsing;

/// <summary>
/// Reads a Mattermost Incident Response workflow file (a JSON array of workflows) into validated
/// definitions, or into the list of everything wrong with it. It never throws for any input.
/// <para>
/// Messages keep the original plugin's wording as a prefix ("Error parsing workflow: unable to load
/// actions") and then say where and what. Keys the format does not define are ignored, as the original
/// (Go's encoding/json) ignored them, so files written for Mattermost load unchanged; keys are matched
/// exactly (Go would also accept "Name" for "name"; such files are rare and fail loudly as missing keys).
/// Duplicate keys in one object are rejected rather than letting the last one silently win.
/// </para>
/// </summary>
public static class WorkflowFileParser
{
    public const string Prefix = "Error parsing workflow: ";
    public const string WorkflowNameBlank = Prefix + "workflow name must not be blank";
    public const string UnableToLoadTriggers = Prefix + "unable to load triggers";
    public const string StepNameBlank = Prefix + "step name must not be blank";
    public const string UnableToLoadActions = Prefix + "unable to load actions";
    public const string UnableToLoadSteps = Prefix + "unable to load steps";
    public const string InvalidWorkflow = Prefix + "invalid workflow";

    /// <summary>Larger files are refused before parsing; real workflow files are a few kilobytes.</summary>
    public const int MaxFileLength = 1024 * 1024;

    /// <summary>Longer <c>match_regex</c> patterns are refused: they only make matching slow.</summary>
    public const int MaxRegexLength = 1000;

    /// <summary>Slack's limits for a static_select, checked here so a valid file always renders.</summary>
    public const int MaxOptions = 100;
    public const int MaxOptionLength = 75;

    /// <summary>
    /// Bounds that keep validation fast whatever is uploaded (the reference analysis grows with
    /// steps × actions); real workflows have a handful of steps.
    /// </summary>
    public const int MaxSteps = 100;
    public const int MaxActions = 1000;

    /// <summary>A Slack actions block holds at most 25 elements: one per field, and one per transition.</summary>
    public const int MaxPostElements = 25;

    /// <summary>
    /// A backtracking <c>match_regex</c> gives up on a message after this long (the message does not match).
    /// </summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The non-backtracking engine runs in time linear in the message, so its timeout is only a backstop;
    /// it builds its automaton lazily, which on a busy machine took longer than 100 ms on first use.
    /// </summary>
    public static readonly TimeSpan LinearRegexTimeout = TimeSpan.FromSeconds(1);

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = 64,
        AllowDuplicateProperties = false,
    };

    public static WorkflowParseResult Parse(string? json)
    {
        if (json is null || json.Length > MaxFileLength)
        {
            return Failed($"{Prefix}the file must be a JSON array of workflows of at most {MaxFileLength / 1024} KiB");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}"
                : e.Path is { Length: > 0 } path ? $" at {path}" : "";
            return Failed($"{Prefix}invalid JSON{where}: {FirstSentence(e.Message)}");
        }
        catch (ArgumentException e)
        {
            return Failed($"{Prefix}invalid JSON: {FirstSentence(e.Message)}");
        }
        catch (InvalidOperationException)
        {
            // The duplicate-key check reads names; an escaped lone surrogate ("\ud800") cannot be read.
            return Failed(UnpairedSurrogate);
        }

        using (document)
        {
            var root = document.RootElement;
            if (!AllStringsReadable(root))
            {
                return Failed(UnpairedSurrogate);
            }
            if (root.ValueKind != JsonValueKind.Array)
            {
                return Failed($"{Prefix}the file must be a JSON array of workflows");
            }

            var errors = new List<string>();
            var workflows = new List<WorkflowDefinition>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                index++;
                var workflow = new WorkflowReader(errors).Read(element, index);
                if (workflow is null) continue;
                if (!names.Add(workflow.Name))
                {
                    errors.Add($"{InvalidWorkflow}: workflow {WorkflowNames.Quote(workflow.Name)}: another workflow of the file has this name");
                    continue;
                }
                workflows.Add(workflow);
            }
            return errors.Count > 0 ? new WorkflowParseResult([], errors) : new WorkflowParseResult(workflows, []);
        }
    }

    private const string UnpairedSurrogate = Prefix + "invalid JSON: a string holds an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF)";

    private static WorkflowParseResult Failed(string error) => new([], [error]);

    /// <summary>
    /// JSON allows escapes such as "\ud800" that make no .NET string (reading them throws); checking once
    /// here lets the readers below read every string safely.
    /// </summary>
    private static bool AllStringsReadable(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                case JsonValueKind.Array:
                    return element.EnumerateArray().All(AllStringsReadable);
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        if (!AllStringsReadable(property.Value)) return false;
                    }
                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string FirstSentence(string message)
    {
        // JsonException repeats the position ("LineNumber: 0 | BytePositionInLine: 3."); we said it already.
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }

    /// <summary>Reads one workflow, adding an error for each problem; null when there was any.</summary>
    private sealed class WorkflowReader(List<string> errors)
    {
        private static readonly string ActionTypes = string.Join(", ", new[]
        {
            AddUsersChannelAction.TypeName, ArchiveChannelAction.TypeName, CreateChannelAction.TypeName,
            FinishedWorkflowAction.TypeName, OpenIncidentAction.TypeName, PostAction.TypeName, TransitionToAction.TypeName,
        });

        private readonly int _errorsBefore = errors.Count;
        private string _where = "";
        private HashSet<string> _stepNames = new(StringComparer.Ordinal);
        private readonly HashSet<string> _actionNames = new(StringComparer.Ordinal);

        public WorkflowDefinition? Read(JsonElement element, int index)
        {
            _where = $"workflow #{index}";
            if (element.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{InvalidWorkflow}: {_where}: a workflow must be a JSON object");
                return null;
            }

            var name = ReadName(element, n => $"{WorkflowNameBlank}: {_where}", $"{InvalidWorkflow}: {_where}");
            if (name is not null) _where = $"workflow {WorkflowNames.Quote(name)}";

            var triggers = ReadTriggers(element);
            var steps = ReadSteps(element);
            if (errors.Count > _errorsBefore || name is null) return null;
            if (steps.Count > MaxSteps)
            {
                errors.Add($"{UnableToLoadSteps}: {_where}: at most {MaxSteps} steps in a workflow");
                return null;
            }
            if (_actionNames.Count > MaxActions)
            {
                errors.Add($"{UnableToLoadActions}: {_where}: at most {MaxActions} actions in a workflow");
                return null;
            }

            var workflow = new WorkflowDefinition(name, triggers, steps);
            errors.AddRange(WorkflowReferences.Check(workflow));
            return errors.Count > _errorsBefore ? null : workflow;
        }

        private List<TextTrigger> ReadTriggers(JsonElement workflow)
        {
            var triggers = new List<TextTrigger>();
            if (!TryGetArray(workflow, "triggers", out var array) || array.GetArrayLength() == 0)
            {
                errors.Add($"{UnableToLoadTriggers}: {_where}: \"triggers\" must be a non-empty array");
                return triggers;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                index++;
                var where = $"{_where}, trigger #{index}";
                var category = UnableToLoadTriggers;
                if (element.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{category}: {where}: a trigger must be a JSON object");
                    continue;
                }
                var before = errors.Count;
                var name = ReadName(element, _ => $"{category}: {where}: trigger name must not be blank", $"{category}: {where}");
                if (name is not null)
                {
                    where = $"{_where}, trigger {WorkflowNames.Quote(name)}";
                    if (!names.Add(name)) errors.Add($"{category}: {where}: another trigger of this workflow has this name");
                }
                var problem = $"{category}: {where}";

                var type = OptionalString(element, "type", problem);
                if (type != "text") errors.Add($"{problem}: type must be \"text\"");
                var team = OptionalString(element, "team_name", problem);
                var channel = OptionalString(element, "channel_name", problem);
                var match = OptionalString(element, "match", problem);
                var pattern = OptionalString(element, "match_regex", problem);
                if (string.IsNullOrEmpty(match) && string.IsNullOrEmpty(pattern))
                {
                    errors.Add($"{problem}: set match or match_regex");
                }

                Regex? regex = null;
                if (!string.IsNullOrEmpty(pattern) && !TryCompile(pattern, out regex, out var regexError))
                {
                    errors.Add($"{problem}: match_regex is not a valid regular expression: {regexError}");
                }

                if (errors.Count == before)
                {
                    triggers.Add(new TextTrigger(name!, Blank(team), Blank(channel), Blank(match), regex));
                }
            }
            return triggers;
        }

        private List<WorkflowStep> ReadSteps(JsonElement workflow)
        {
            var steps = new List<WorkflowStep>();
            if (!TryGetArray(workflow, "steps", out var array) || array.GetArrayLength() == 0)
            {
                errors.Add($"{UnableToLoadSteps}: {_where}: \"steps\" must be a non-empty array");
                return steps;
            }

            // Targets of transitions may name later steps, so learn every step name first.
            _stepNames = new HashSet<string>(
                array.EnumerateArray()
                    .Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
                    .Select(s => s.GetProperty("name").GetString()!)
                    .Where(WorkflowNames.IsValid),
                StringComparer.Ordinal);

            var names = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                index++;
                var where = $"{_where}, step #{index}";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{UnableToLoadSteps}: {where}: a step must be a JSON object");
                    continue;
                }
                var before = errors.Count;
                var name = ReadName(element, _ => $"{StepNameBlank}: {where}", $"{UnableToLoadSteps}: {where}");
                if (name is not null)
                {
                    where = $"{_where}, step {WorkflowNames.Quote(name)}";
                    if (!names.Add(name)) errors.Add($"{UnableToLoadSteps}: {where}: another step of this workflow has this name");
                }

                var start = ReadActions(element, "start_actions", where, "start action");
                var finish = ReadActions(element, "finish_actions", where, "finish action");
                if (start is { Count: 0 } && finish is { Count: 0 })
                {
                    errors.Add($"{UnableToLoadSteps}: {where}: set start_actions or finish_actions");
                }
                if (finish is not null)
                {
                    foreach (var action in finish)
                    {
                        if (action is TransitionToAction or PostAction { Transitions.Count: > 0 })
                        {
                            errors.Add($"{UnableToLoadActions}: {where}, action {WorkflowNames.Quote(action.Name)}: " +
                                "transitions belong in start_actions (finish actions run as the step is left)");
                        }
                    }
                }

                if (errors.Count == before)
                {
                    steps.Add(new WorkflowStep(name!, start!, finish!));
                }
            }
            return steps;
        }

        /// <summary>Reads one action list; an empty list when absent, null when it had errors.</summary>
        private List<WorkflowAction>? ReadActions(JsonElement step, string property, string stepWhere, string label)
        {
            var actions = new List<WorkflowAction>();
            if (!step.TryGetProperty(property, out var array) || array.ValueKind == JsonValueKind.Null) return actions;
            if (array.ValueKind != JsonValueKind.Array)
            {
                errors.Add($"{UnableToLoadActions}: {stepWhere}: \"{property}\" must be an array");
                return null;
            }

            var before = errors.Count;
            var index = 0;
            WorkflowAction? last = null;
            foreach (var element in array.EnumerateArray())
            {
                index++;
                var where = $"{stepWhere}, {label} #{index}";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{UnableToLoadActions}: {where}: an action must be a JSON object");
                    continue;
                }
                var name = ReadName(element, _ => $"{UnableToLoadActions}: {where}: action name must not be blank", $"{UnableToLoadActions}: {where}");
                if (name is not null)
                {
                    where = $"{stepWhere}, action {WorkflowNames.Quote(name)}";
                    if (!_actionNames.Add(name)) errors.Add($"{UnableToLoadActions}: {where}: another action of this workflow has this name");
                }
                if (last is TransitionToAction or FinishedWorkflowAction)
                {
                    errors.Add($"{UnableToLoadActions}: {where}: never runs, it comes after {last.Type} action {WorkflowNames.Quote(last.Name)}");
                }
                var action = ReadAction(element, name, $"{UnableToLoadActions}: {where}");
                if (action is not null)
                {
                    actions.Add(action);
                    last = action;
                }
            }
            return errors.Count == before ? actions : null;
        }

        private WorkflowAction? ReadAction(JsonElement element, string? name, string problem)
        {
            var before = errors.Count;
            string? type;
            if (!element.TryGetProperty("type", out var typeElement) || typeElement.ValueKind is JsonValueKind.Null)
            {
                errors.Add($"{problem}: missing \"type\"; use one of {ActionTypes}");
                return null;
            }
            if (typeElement.ValueKind != JsonValueKind.String)
            {
                errors.Add($"{problem}: \"type\" must be a string, one of {ActionTypes}");
                return null;
            }
            type = typeElement.GetString()!;

            WorkflowAction? action = type switch
            {
                CreateChannelAction.TypeName => new CreateChannelAction(name ?? "",
                    Required(element, "channel_name", type, problem),
                    Required(element, "channel_displayname", type, problem),
                    Optional(element, "team_name", problem),
                    Optional(element, "header", problem),
                    Optional(element, "purpose", problem),
                    OptionalBool(element, "private", problem)),
                AddUsersChannelAction.TypeName => new AddUsersChannelAction(name ?? "",
                    Required(element, "channel_name", type, problem),
                    Users(element, problem),
                    Optional(element, "team_name", problem)),
                PostAction.TypeName => ReadPost(element, name ?? "", problem),
                TransitionToAction.TypeName => new TransitionToAction(name ?? "", StepTarget(element, "to", type, problem)),
                ArchiveChannelAction.TypeName => new ArchiveChannelAction(name ?? "",
                    Required(element, "channel_name", type, problem),
                    Optional(element, "team_name", problem)),
                FinishedWorkflowAction.TypeName => new FinishedWorkflowAction(name ?? ""),
                OpenIncidentAction.TypeName => new OpenIncidentAction(name ?? "", Required(element, "title", type, problem)),
                _ => null,
            };
            if (action is null)
            {
                errors.Add($"{problem}: unknown type {WorkflowNames.Quote(type)}; use one of {ActionTypes}");
            }
            return errors.Count == before ? action : null;
        }

        private PostAction ReadPost(JsonElement element, string name, string problem)
        {
            var channel = Required(element, "channel_name", PostAction.TypeName, problem);
            var message = Required(element, "message", PostAction.TypeName, problem);
            var team = Optional(element, "team_name", problem);
            var fieldsTitle = OptionalString(element, "fields_title", problem);
            var transitionsTitle = OptionalString(element, "transitions_title", problem);
            // The reference's table spells it transition_title, its examples transitions_title: accept both.
            var transitionTitle = OptionalString(element, "transition_title", problem);

            var fields = new List<PostField>();
            if (TryGetList(element, "fields", problem, out var fieldArray))
            {
                if (fieldArray.GetArrayLength() > MaxPostElements) errors.Add($"{problem}: Slack allows at most {MaxPostElements} fields in a post");
                var names = new HashSet<string>(StringComparer.Ordinal);
                var index = 0;
                foreach (var item in fieldArray.EnumerateArray())
                {
                    index++;
                    var where = $"{problem}, field #{index}";
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add($"{where}: a field must be a JSON object");
                        continue;
                    }
                    var fieldName = ReadName(item, _ => $"{where}: field name must not be blank", where);
                    if (fieldName is not null)
                    {
                        where = $"{problem}, field {WorkflowNames.Quote(fieldName)}";
                        if (!names.Add(fieldName)) errors.Add($"{where}: another field of this post has this name");
                    }
                    var fieldType = OptionalString(item, "type", where);
                    var description = OptionalString(item, "description", where);
                    var options = StringList(item, "options", where) ?? [];
                    PostFieldType? parsedType = fieldType switch
                    {
                        "button" => PostFieldType.Button,
                        "options" => PostFieldType.Options,
                        _ => null,
                    };
                    if (parsedType is null)
                    {
                        errors.Add($"{where}: type must be \"button\" or \"options\"");
                    }
                    // Options are checked even on a button (which ignores them), as the schema checks them.
                    if (parsedType == PostFieldType.Options && options.Count == 0)
                    {
                        errors.Add($"{where}: an options field needs a non-empty \"options\" list");
                    }
                    if (options.Count > MaxOptions) errors.Add($"{where}: Slack allows at most {MaxOptions} options");
                    foreach (var option in options.Where(o => o.Trim().Length == 0 || o.Length > MaxOptionLength))
                    {
                        errors.Add($"{where}: option {WorkflowNames.Quote(option)} must be 1 to {MaxOptionLength} characters");
                    }
                    foreach (var duplicate in options.GroupBy(o => o, StringComparer.Ordinal).Where(g => g.Count() > 1))
                    {
                        errors.Add($"{where}: option {WorkflowNames.Quote(duplicate.Key)} appears more than once");
                    }
                    if (fieldName is not null && parsedType is { } t)
                    {
                        fields.Add(new PostField(fieldName, t, Blank(description), t == PostFieldType.Options ? options : []));
                    }
                }
            }

            var transitions = new List<PostTransition>();
            if (TryGetList(element, "transitions", problem, out var transitionArray))
            {
                if (transitionArray.GetArrayLength() > MaxPostElements) errors.Add($"{problem}: Slack allows at most {MaxPostElements} transitions in a post");
                var index = 0;
                foreach (var item in transitionArray.EnumerateArray())
                {
                    index++;
                    var where = $"{problem}, transition #{index}";
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add($"{where}: a transition must be a JSON object");
                        continue;
                    }
                    var label = OptionalString(item, "label", where);
                    if (string.IsNullOrWhiteSpace(label)) errors.Add($"{where}: \"label\" must not be blank");
                    var description = OptionalString(item, "description", where);
                    var to = StepTarget(item, "to", "transition", where);
                    if (!string.IsNullOrWhiteSpace(label)) transitions.Add(new PostTransition(label, Blank(description), to));
                }
            }

            return new PostAction(name, channel, message, team, fields,
                Blank(fieldsTitle) ?? PostAction.DefaultFieldsTitle,
                transitions,
                Blank(transitionsTitle) ?? Blank(transitionTitle) ?? PostAction.DefaultTransitionsTitle);
        }

        private string StepTarget(JsonElement element, string property, string owner, string problem)
        {
            var to = OptionalString(element, property, problem);
            if (string.IsNullOrEmpty(to))
            {
                errors.Add($"{problem}: {owner} needs \"{property}\"");
                return "";
            }
            if (!_stepNames.Contains(to))
            {
                errors.Add($"{problem}: {owner} target {WorkflowNames.Quote(to)} names no step of this workflow");
            }
            return to;
        }

        private List<Template> Users(JsonElement element, string problem)
        {
            var users = StringList(element, "users", problem);
            if (users is null) return [];
            if (users.Count == 0 || users.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"{problem}: {AddUsersChannelAction.TypeName} needs \"users\", a list of user names, ids or groups");
                return [];
            }
            return users.Select(u => ParseTemplate(u, "users", problem)).OfType<Template>().ToList();
        }

        /// <summary>A name property; reports blank (via <paramref name="blank"/>), wrong type and bad characters.</summary>
        private string? ReadName(JsonElement element, Func<string?, string> blank, string problem)
        {
            if (!element.TryGetProperty("name", out var value) || value.ValueKind == JsonValueKind.Null)
            {
                errors.Add(blank(null));
                return null;
            }
            if (value.ValueKind != JsonValueKind.String)
            {
                errors.Add($"{problem}: \"name\" must be a string");
                return null;
            }
            var name = value.GetString()!;
            if (name.Trim().Length == 0)
            {
                errors.Add(blank(name));
                return null;
            }
            if (!WorkflowNames.IsValid(name))
            {
                errors.Add($"{problem}: name {WorkflowNames.Quote(name)} is not allowed: {WorkflowNames.Rule}");
                return null;
            }
            return name;
        }

        private Template Required(JsonElement element, string property, string type, string problem)
        {
            var text = OptionalString(element, property, problem);
            if (string.IsNullOrEmpty(text))
            {
                if (!HasWrongType(element, property)) errors.Add($"{problem}: {type} needs \"{property}\"");
                return Template.Parse("");
            }
            return ParseTemplate(text, property, problem) ?? Template.Parse("");
        }

        private Template? Optional(JsonElement element, string property, string problem)
        {
            var text = OptionalString(element, property, problem);
            return string.IsNullOrEmpty(text) ? null : ParseTemplate(text, property, problem);
        }

        private Template? ParseTemplate(string text, string property, string problem)
        {
            if (Template.TryParse(text, out var template, out var error)) return template;
            errors.Add($"{problem}: \"{property}\": {error}");
            return null;
        }

        /// <summary>A string property; null when absent or JSON null (Go's zero value), an error when another type.</summary>
        private string? OptionalString(JsonElement element, string property, string problem)
        {
            if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.String) return value.GetString();
            errors.Add($"{problem}: \"{property}\" must be a string");
            return null;
        }

        private bool OptionalBool(JsonElement element, string property, string problem)
        {
            if (!element.TryGetProperty(property, out var value)) return false;
            switch (value.ValueKind)
            {
                case JsonValueKind.True: return true;
                case JsonValueKind.False or JsonValueKind.Null: return false;
                default:
                    errors.Add($"{problem}: \"{property}\" must be true or false");
                    return false;
            }
        }

        private List<string>? StringList(JsonElement element, string property, string problem)
        {
            if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null) return [];
            if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            {
                errors.Add($"{problem}: \"{property}\" must be an array of strings");
                return null;
            }
            return value.EnumerateArray().Select(v => v.GetString()!).ToList();
        }

        private bool TryGetList(JsonElement element, string property, string problem, out JsonElement array)
        {
            if (!element.TryGetProperty(property, out array) || array.ValueKind == JsonValueKind.Null) return false;
            if (array.ValueKind == JsonValueKind.Array) return true;
            errors.Add($"{problem}: \"{property}\" must be an array");
            return false;
        }

        private static bool TryGetArray(JsonElement element, string property, out JsonElement array) =>
            element.TryGetProperty(property, out array) && array.ValueKind == JsonValueKind.Array;

        private static bool HasWrongType(JsonElement element, string property) =>
            element.TryGetProperty(property, out var value) && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null);

        private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>
    /// Compiles a <c>match_regex</c> with a timeout. The non-backtracking engine is tried first: it runs in
    /// linear time and matches Go's RE2 (which has no backreferences or lookarounds either); patterns only
    /// the backtracking engine supports still work, bounded by the timeout.
    /// </summary>
    internal static bool TryCompile(string pattern, out Regex? regex, out string? error)
    {
        regex = null;
        error = null;
        if (pattern.Length > MaxRegexLength)
        {
            error = $"longer than {MaxRegexLength} characters";
            return false;
        }
        try
        {
            regex = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, LinearRegexTimeout);
            WarmUp(regex);
            return true;
        }
        catch (NotSupportedException)
        {
            // fall through to the backtracking engine
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
            WarmUp(regex);
            return true;
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>One match at load time so the first real message does not pay for the engine's set-up.</summary>
    private static void WarmUp(Regex regex)
    {
        try
        {
            regex.IsMatch("#");
        }
        catch (RegexMatchTimeoutException)
        {
            // Set-up was slow this time; matching later still has its own timeout.
        }
    }
}
