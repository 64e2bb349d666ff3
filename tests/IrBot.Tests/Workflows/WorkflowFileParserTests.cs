using IrBot.Workflows.Definitions;
using IrBot.Workflows.Parsing;
using static IrBot.Tests.Workflows.WorkflowFiles;

namespace IrBot.Tests.Workflows;

public class WorkflowFileParserTests
{
    private const string Names = "names must start with a letter and contain only letters, digits and underscores";
    private const string ActionTypes = "add_users_channel, archive_channel, create_channel, finished_workflow, open_incident, post, transition_to";

    private static void AssertOnlyError(string json, string expected)
    {
        var result = WorkflowFileParser.Parse(json);
        Assert.Equal([expected], result.Errors);
        Assert.Empty(result.Workflows);
    }

    [Fact]
    public void The_reference_sample_loads_unchanged()
    {
        var result = WorkflowFileParser.Parse(Sample);

        Assert.Empty(result.Errors);
        var workflow = Assert.Single(result.Workflows);
        Assert.Equal("security_issue", workflow.Name);
        Assert.Equal("#sec", Assert.Single(workflow.Triggers).Match);
        Assert.Equal(["Setup", "Triage", "DevelopFix", "Resolved"], workflow.Steps.Select(s => s.Name));
        var triage = Assert.IsType<PostAction>(workflow.Steps[1].StartActions[0]);
        Assert.Equal("Please add details to this issue", triage.FieldsTitle);
        Assert.Equal("Transition to step", triage.TransitionsTitle);
        Assert.Equal(["Alert", "Likelihood", "Impact", "Severity"], triage.Fields.Select(f => f.Name));
        Assert.Equal(PostFieldType.Button, triage.Fields[0].Type);
        Assert.Equal(["L1", "L2", "L3"], triage.Fields[1].Options);
        Assert.Equal(["DevelopFix", "Resolved"], triage.Transitions.Select(t => t.To));
        var info = Assert.IsType<PostAction>(workflow.Steps[2].StartActions[0]);
        Assert.Equal(("Fields", "Transitions"), (info.FieldsTitle, info.TransitionsTitle));
        var create = Assert.IsType<CreateChannelAction>(workflow.Steps[0].StartActions[0]);
        Assert.Equal("security-issue-{{.Instance.Number}}", create.ChannelName.Source);
        Assert.Equal(["jon", "chris"], Assert.IsType<AddUsersChannelAction>(workflow.Steps[0].StartActions[1]).Users.Select(u => u.Source));
        Assert.Equal("Triage", Assert.IsType<TransitionToAction>(workflow.Steps[0].StartActions[3]).To);
        Assert.IsType<ArchiveChannelAction>(workflow.Steps[3].StartActions[2]);
        Assert.Same(triage, workflow.FindAction("TriagePost"));
        Assert.Same(workflow.Steps[1], workflow.FindStep("Triage"));
    }

    [Fact]
    public void Transition_title_is_accepted_as_the_reference_table_spells_it()
    {
        var post = """{"name":"P","type":"post","channel_name":"x","message":"m","transition_title":"Move on","transitions":[{"label":"Again","to":"S"}]}""";
        var workflow = Assert.Single(WorkflowFileParser.Parse(With(Step("S", post))).Workflows);
        Assert.Equal("Move on", Assert.IsType<PostAction>(workflow.Steps[0].StartActions[0]).TransitionsTitle);
    }

    [Fact]
    public void Unknown_keys_are_ignored_like_the_original()
    {
        var json = """[{"name":"w","comment":"x","triggers":[{"name":"t","type":"text","match":"#sec","extra":[1,2]}],"steps":[{"name":"S","colour":"red","start_actions":[{"name":"P","type":"post","channel_name":"x","message":"m","icon":1e999}]}]}]""";
        Assert.True(WorkflowFileParser.Parse(json).IsValid);
    }

    [Fact]
    public void An_empty_match_regex_beside_a_match_counts_as_unset_as_in_the_reference_example()
    {
        var trigger = """{"name":"IssueReported","type":"text","team_name":"infosec","channel_name":"nagios","match":"#s1critical","match_regex":""}""";
        var workflow = Assert.Single(WorkflowFileParser.Parse(With(triggers: trigger)).Workflows);
        Assert.Null(workflow.Triggers[0].MatchRegex);
        Assert.Equal(("infosec", "nagios"), (workflow.Triggers[0].TeamName, workflow.Triggers[0].ChannelName));
    }

    [Fact]
    public void Open_incident_exposes_its_channel_name_to_later_actions()
    {
        var steps = Step("S", """{"name":"Incident","type":"open_incident","title":"Alert: {{.Trigger.t.Message}}"}""",
            """{"name":"P","type":"post","channel_name":"{{.Action.Incident.ChannelName}}","message":"by {{.Trigger.t.User}} in {{.Trigger.t.ChannelName}}"}""");
        Assert.True(WorkflowFileParser.Parse(With(steps)).IsValid);
    }

    [Fact]
    public void An_empty_array_is_a_valid_file_with_no_workflows()
    {
        var result = WorkflowFileParser.Parse("[]");
        Assert.True(result.IsValid);
        Assert.Empty(result.Workflows);
    }

    // --- the file ---

    [Fact]
    public void Malformed_json_says_where()
    {
        var error = Assert.Single(WorkflowFileParser.Parse("[\n  {\"name\": }").Errors);
        Assert.StartsWith("Error parsing workflow: invalid JSON at line 2, position ", error);
    }

    [Fact]
    public void A_key_given_twice_in_one_object_is_refused()
    {
        var error = Assert.Single(WorkflowFileParser.Parse(With(name: "\"w\", \"name\": \"v\"")).Errors);
        Assert.StartsWith("Error parsing workflow: invalid JSON", error);
        Assert.Contains("Duplicate property 'name'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_escaped_lone_surrogate_is_invalid_json() =>
        AssertOnlyError(With(name: "\"w\\ud800\""), "Error parsing workflow: invalid JSON: a string holds an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF)");

    [Fact]
    public void Nesting_deeper_than_64_levels_is_refused()
    {
        var error = Assert.Single(WorkflowFileParser.Parse(new string('[', 100) + new string(']', 100)).Errors);
        Assert.StartsWith("Error parsing workflow: invalid JSON at line 1", error);
    }

    [Fact]
    public void A_file_that_is_not_an_array_is_refused() =>
        AssertOnlyError("""{"name":"w"}""", "Error parsing workflow: the file must be a JSON array of workflows");

    [Fact]
    public void A_file_over_one_mebibyte_is_refused() =>
        AssertOnlyError("[" + new string(' ', WorkflowFileParser.MaxFileLength) + "]",
            "Error parsing workflow: the file must be a JSON array of workflows of at most 1024 KiB");

    // --- workflows ---

    [Fact]
    public void A_workflow_must_be_an_object() =>
        AssertOnlyError("[1]", "Error parsing workflow: invalid workflow: workflow #1: a workflow must be a JSON object");

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    [InlineData("null")]
    public void A_blank_workflow_name_keeps_the_original_message(string name) =>
        AssertOnlyError(With(name: name), "Error parsing workflow: workflow name must not be blank: workflow #1");

    [Fact]
    public void A_workflow_name_must_be_a_string() =>
        AssertOnlyError(With(name: "12"), "Error parsing workflow: invalid workflow: workflow #1: \"name\" must be a string");

    [Fact]
    public void A_workflow_name_with_a_dash_is_refused() =>
        AssertOnlyError(With(name: "\"sec-issue\""), $"Error parsing workflow: invalid workflow: workflow #1: name \"sec-issue\" is not allowed: {Names}");

    [Fact]
    public void Workflow_names_are_unique_in_the_file() =>
        AssertOnlyError("[" + With()[1..^1] + "," + With()[1..^1] + "]",
            "Error parsing workflow: invalid workflow: workflow \"w\": another workflow of the file has this name");

    [Fact]
    public void A_workflow_needs_triggers() =>
        AssertOnlyError("""[{"name":"w","triggers":[],"steps":[{"name":"S","start_actions":[{"name":"F","type":"finished_workflow"}]}]}]""",
            "Error parsing workflow: unable to load triggers: workflow \"w\": \"triggers\" must be a non-empty array");

    [Fact]
    public void A_workflow_needs_steps() =>
        AssertOnlyError("""[{"name":"w","triggers":[{"name":"t","type":"text","match":"x"}],"steps":[]}]""",
            "Error parsing workflow: unable to load steps: workflow \"w\": \"steps\" must be a non-empty array");

    [Fact]
    public void A_workflow_of_more_than_100_steps_is_refused()
    {
        var steps = Enumerable.Range(0, 101).Select(i => Step($"S{i}", $$"""{"name":"Go{{i}}","type":"transition_to","to":"S{{(i + 1) % 101}}"}"""));
        AssertOnlyError(With(string.Join(",", steps)), "Error parsing workflow: unable to load steps: workflow \"w\": at most 100 steps in a workflow");
    }

    // --- triggers ---

    [Fact]
    public void A_trigger_type_other_than_text_is_refused() =>
        AssertOnlyError(With(triggers: """{"name":"t","type":"webhook","match":"x"}"""),
            "Error parsing workflow: unable to load triggers: workflow \"w\", trigger \"t\": type must be \"text\"");

    [Fact]
    public void A_trigger_without_match_or_match_regex_is_refused() =>
        AssertOnlyError(With(triggers: """{"name":"t","type":"text","match":"","match_regex":null}"""),
            "Error parsing workflow: unable to load triggers: workflow \"w\", trigger \"t\": set match or match_regex");

    [Fact]
    public void An_invalid_match_regex_is_refused()
    {
        var error = Assert.Single(WorkflowFileParser.Parse(With(triggers: """{"name":"t","type":"text","match_regex":"(unclosed"}""")).Errors);
        Assert.StartsWith("Error parsing workflow: unable to load triggers: workflow \"w\", trigger \"t\": match_regex is not a valid regular expression: ", error);
    }

    [Fact]
    public void An_overlong_match_regex_is_refused() =>
        AssertOnlyError(With(triggers: $$"""{"name":"t","type":"text","match_regex":"{{new string('a', 1001)}}"}"""),
            "Error parsing workflow: unable to load triggers: workflow \"w\", trigger \"t\": match_regex is not a valid regular expression: longer than 1000 characters");

    [Fact]
    public void A_blank_trigger_name_is_refused() =>
        AssertOnlyError(With(triggers: """{"type":"text","match":"x"}"""),
            "Error parsing workflow: unable to load triggers: workflow \"w\", trigger #1: trigger name must not be blank");

    [Fact]
    public void A_trigger_name_with_a_period_is_refused() =>
        AssertOnlyError(With(triggers: """{"name":"a.b","type":"text","match":"x"}"""),
            $"Error parsing workflow: unable to load triggers: workflow \"w\", trigger #1: name \"a.b\" is not allowed: {Names}");

    [Fact]
    public void Trigger_names_are_unique_within_a_workflow() =>
        AssertOnlyError(With(triggers: Trigger + "," + Trigger),
            "Error parsing workflow: unable to load triggers: workflow \"w\", trigger \"t\": another trigger of this workflow has this name");

    [Fact]
    public void Trigger_filters_must_be_strings() =>
        AssertOnlyError(With(triggers: """{"name":"t","type":"text","match":"x","team_name":7}"""),
            "Error parsing workflow: unable to load triggers: workflow \"w\", trigger \"t\": \"team_name\" must be a string");

    // --- steps ---

    [Fact]
    public void A_blank_step_name_keeps_the_original_message() =>
        AssertOnlyError(With(Step("", Post)), "Error parsing workflow: step name must not be blank: workflow \"w\", step #1");

    [Fact]
    public void Step_names_are_unique_within_a_workflow() =>
        AssertOnlyError(With(Step("S", Post) + "," + Step("S", """{"name":"Q","type":"finished_workflow"}""")),
            "Error parsing workflow: unable to load steps: workflow \"w\", step \"S\": another step of this workflow has this name");

    [Fact]
    public void A_step_without_actions_is_refused() =>
        AssertOnlyError(With("""{"name":"S","start_actions":[],"finish_actions":null}"""),
            "Error parsing workflow: unable to load steps: workflow \"w\", step \"S\": set start_actions or finish_actions");

    [Fact]
    public void A_step_no_transition_reaches_is_refused() =>
        AssertOnlyError(With(Step("S", Post) + "," + Step("Orphan", """{"name":"Q","type":"finished_workflow"}""")),
            "Error parsing workflow: unable to load steps: workflow \"w\", step \"Orphan\": no transition leads to this step, so it never runs");

    [Fact]
    public void A_step_with_only_finish_actions_is_accepted() =>
        Assert.True(WorkflowFileParser.Parse(With("""{"name":"S","finish_actions":[{"name":"P","type":"post","channel_name":"x","message":"bye"}]}""")).IsValid);

    // --- actions ---

    private static string InStep(string action) => With(Step("S", action));

    private const string Where = "Error parsing workflow: unable to load actions: workflow \"w\", step \"S\"";

    [Fact]
    public void An_unknown_action_type_is_refused() =>
        AssertOnlyError(InStep("""{"name":"A","type":"send_email"}"""), $"{Where}, action \"A\": unknown type \"send_email\"; use one of {ActionTypes}");

    [Fact]
    public void An_action_without_type_is_refused() =>
        AssertOnlyError(InStep("""{"name":"A"}"""), $"{Where}, action \"A\": missing \"type\"; use one of {ActionTypes}");

    [Fact]
    public void A_blank_action_name_is_refused() =>
        AssertOnlyError(InStep("""{"name":" ","type":"finished_workflow"}"""), $"{Where}, start action #1: action name must not be blank");

    [Fact]
    public void An_action_name_with_a_dash_is_refused() =>
        AssertOnlyError(InStep("""{"name":"a-b","type":"finished_workflow"}"""), $"{Where}, start action #1: name \"a-b\" is not allowed: {Names}");

    [Fact]
    public void Action_names_are_unique_within_a_workflow() =>
        AssertOnlyError(With(Step("S", Post, """{"name":"Go","type":"transition_to","to":"T"}""") + "," + Step("T", Post)),
            "Error parsing workflow: unable to load actions: workflow \"w\", step \"T\", action \"P\": another action of this workflow has this name");

    [Theory]
    [InlineData("""{"name":"A","type":"create_channel","channel_name":"x"}""", "create_channel needs \"channel_displayname\"")]
    [InlineData("""{"name":"A","type":"create_channel","channel_displayname":"X"}""", "create_channel needs \"channel_name\"")]
    [InlineData("""{"name":"A","type":"add_users_channel","channel_name":"x"}""", "add_users_channel needs \"users\", a list of user names, ids or groups")]
    [InlineData("""{"name":"A","type":"add_users_channel","users":["jon"]}""", "add_users_channel needs \"channel_name\"")]
    [InlineData("""{"name":"A","type":"post","channel_name":"x","message":""}""", "post needs \"message\"")]
    [InlineData("""{"name":"A","type":"post","message":"m"}""", "post needs \"channel_name\"")]
    [InlineData("""{"name":"A","type":"archive_channel"}""", "archive_channel needs \"channel_name\"")]
    [InlineData("""{"name":"A","type":"transition_to"}""", "transition_to needs \"to\"")]
    [InlineData("""{"name":"A","type":"open_incident"}""", "open_incident needs \"title\"")]
    [InlineData("""{"name":"A","type":"create_channel","channel_name":"x","channel_displayname":"X","private":"yes"}""", "\"private\" must be true or false")]
    [InlineData("""{"name":"A","type":"add_users_channel","channel_name":"x","users":["jon",3]}""", "\"users\" must be an array of strings")]
    [InlineData("""{"name":"A","type":"post","channel_name":["x"],"message":"m"}""", "\"channel_name\" must be a string")]
    [InlineData("""{"name":"A","type":"transition_to","to":"Nope"}""", "transition_to target \"Nope\" names no step of this workflow")]
    public void An_action_missing_a_required_field_or_with_a_wrong_type_is_refused(string action, string problem) =>
        AssertOnlyError(InStep(action), $"{Where}, action \"A\": {problem}");

    [Fact]
    public void A_transition_to_a_missing_step_is_refused() =>
        AssertOnlyError(InStep("""{"name":"P","type":"post","channel_name":"x","message":"m","transitions":[{"label":"Go","to":"Nope"}]}"""),
            $"{Where}, action \"P\", transition #1: transition target \"Nope\" names no step of this workflow");

    [Fact]
    public void A_transition_needs_a_label() =>
        AssertOnlyError(InStep("""{"name":"P","type":"post","channel_name":"x","message":"m","transitions":[{"label":"","to":"S"}]}"""),
            $"{Where}, action \"P\", transition #1: \"label\" must not be blank");

    [Theory]
    [InlineData("""{"name":"F","type":"checkbox"}""", "field \"F\": type must be \"button\" or \"options\"")]
    [InlineData("""{"name":"F","type":"options"}""", "field \"F\": an options field needs a non-empty \"options\" list")]
    [InlineData("""{"name":"F","type":"options","options":["I1","I1"]}""", "field \"F\": option \"I1\" appears more than once")]
    [InlineData("""{"name":"F","type":"button"},{"name":"F","type":"button"}""", "field \"F\": another field of this post has this name")]
    [InlineData("""{"type":"button"}""", "field #1: field name must not be blank")]
    public void Post_fields_are_checked(string fields, string problem) =>
        AssertOnlyError(InStep($$"""{"name":"P","type":"post","channel_name":"x","message":"m","fields":[{{fields}}]}"""),
            $"{Where}, action \"P\", {problem}");

    [Fact]
    public void Options_longer_than_slack_allows_are_refused() =>
        AssertOnlyError(InStep($$"""{"name":"P","type":"post","channel_name":"x","message":"m","fields":[{"name":"F","type":"options","options":["{{new string('o', 76)}}"]}]}"""),
            $"{Where}, action \"P\", field \"F\": option \"{new string('o', 76)}\" must be 1 to 75 characters");

    [Fact]
    public void A_post_with_more_buttons_than_a_slack_block_holds_is_refused()
    {
        var fields = string.Join(",", Enumerable.Range(1, 26).Select(i => $$"""{"name":"F{{i}}","type":"button"}"""));
        AssertOnlyError(InStep($$"""{"name":"P","type":"post","channel_name":"x","message":"m","fields":[{{fields}}]}"""),
            $"{Where}, action \"P\": Slack allows at most 25 fields in a post");
    }

    [Fact]
    public void An_action_after_transition_to_never_runs_and_is_refused() =>
        AssertOnlyError(With(Step("S", """{"name":"Go","type":"transition_to","to":"T"}""", """{"name":"After","type":"finished_workflow"}""") + "," + Step("T", Post)),
            $"{Where}, action \"After\": never runs, it comes after transition_to action \"Go\"");

    [Fact]
    public void Transitions_in_finish_actions_are_refused() =>
        AssertOnlyError(With("""{"name":"S","start_actions":[{"name":"P","type":"post","channel_name":"x","message":"m"}],"finish_actions":[{"name":"Go","type":"transition_to","to":"S"}]}"""),
            $"{Where}, action \"Go\": transitions belong in start_actions (finish actions run as the step is left)");

    // --- templates ---

    private static string PostSaying(string name, string message) =>
        $$"""{"name":"{{name}}","type":"post","channel_name":"x","message":"{{message}}"}""";

    [Fact]
    public void The_issue_example_names_the_missing_create_channel_action()
    {
        var json = Sample.Replace("New issue to triage:", "New issue in ~{{.Action.Nope.ChannelName}}:", StringComparison.Ordinal);
        AssertOnlyError(json, "Error parsing workflow: unable to load actions: workflow \"security_issue\", step \"Triage\", action \"TriagePost\": " +
            "template variable {{.Action.Nope.ChannelName}} names no earlier create_channel action");
    }

    [Fact]
    public void A_channel_created_on_only_some_paths_is_not_earlier()
    {
        var setup = Step("Setup", """{"name":"Ask","type":"post","channel_name":"x","message":"m","transitions":[{"label":"Room","to":"Room"},{"label":"Skip","to":"Work"}]}""");
        var room = Step("Room", """{"name":"C","type":"create_channel","channel_name":"c-{{.Instance.Number}}","channel_displayname":"C"}""",
            """{"name":"Go","type":"transition_to","to":"Work"}""");
        var work = Step("Work", PostSaying("W", "in ~{{.Action.C.ChannelName}}"));
        AssertOnlyError(With(setup + "," + room + "," + work),
            "Error parsing workflow: unable to load actions: workflow \"w\", step \"Work\", action \"W\": " +
            "template variable {{.Action.C.ChannelName}} names no earlier create_channel action (action \"C\" has not always run before this point)");
    }

    [Fact]
    public void A_post_cannot_show_its_own_field_value() =>
        AssertOnlyError(InStep("""{"name":"P","type":"post","channel_name":"x","message":"{{.Action.P.F}}","fields":[{"name":"F","type":"button"}]}"""),
            $"{Where}, action \"P\": template variable {{{{.Action.P.F}}}} names no earlier post action with a field \"F\" (action \"P\" has not always run before this point)");

    [Fact]
    public void A_field_the_post_does_not_have_is_refused() =>
        AssertOnlyError(InStep(Post + "," + PostSaying("Q", "{{.Action.P.Nope}}")),
            $"{Where}, action \"Q\": template variable {{{{.Action.P.Nope}}}} names no field of post action \"P\"");

    [Fact]
    public void A_trigger_of_another_workflow_is_refused() =>
        AssertOnlyError(InStep(PostSaying("Q", "{{.Trigger.Nope.Message}}")),
            $"{Where}, action \"Q\": template variable {{{{.Trigger.Nope.Message}}}} names no trigger of this workflow");

    [Theory]
    [InlineData("{{.Foo}}")]
    [InlineData("{{.Instance.Name}}")]
    [InlineData("{{.Trigger.t.Text}}")]
    [InlineData("{{.Action.P}}")]
    public void An_unknown_template_variable_is_refused(string variable) =>
        AssertOnlyError(InStep(Post + "," + PostSaying("Q", variable)),
            $"{Where}, action \"Q\": unknown template variable {variable}: use .Instance.Number, .Trigger.<trigger>.Message/User/ChannelName, " +
            ".Action.<create_channel>.ChannelName or .Action.<post>.<field>");

    [Fact]
    public void A_create_channel_action_has_only_a_channel_name() =>
        AssertOnlyError(InStep("""{"name":"C","type":"create_channel","channel_name":"c","channel_displayname":"C"}""" + "," + PostSaying("Q", "{{.Action.C.Header}}")),
            $"{Where}, action \"Q\": unknown template variable {{{{.Action.C.Header}}}}: a create_channel action has only .ChannelName");

    [Fact]
    public void Template_syntax_other_than_variables_is_refused() =>
        AssertOnlyError(InStep(PostSaying("Q", "{{if .Instance.Number}}x{{end}}")),
            $"{Where}, action \"Q\": \"message\": unsupported template syntax {{{{if .Instance.Number}}}} at character 1: only variables like {{{{.Instance.Number}}}} are allowed");

    [Fact]
    public void An_unclosed_template_action_is_refused() =>
        AssertOnlyError(InStep(PostSaying("Q", "go {{.Instance.Number")), $"{Where}, action \"Q\": \"message\": template has an unclosed {{{{ at character 4");

    [Fact]
    public void A_field_value_is_usable_after_its_post_ran_on_every_path()
    {
        // The sample's DevelopFix shows TriagePost's fields; every path to DevelopFix goes through Triage.
        Assert.True(WorkflowFileParser.Parse(Sample).IsValid);
        // Returning to Triage from DevelopFix does not make InfoPost "earlier" for TriagePost.
        var json = Sample.Replace("\"Finished Triage\"", "\"Finished Triage {{.Action.InfoPost.X}}\"", StringComparison.Ordinal);
        Assert.Contains("template variable {{.Action.InfoPost.X}} names no field of post action \"InfoPost\"", Assert.Single(WorkflowFileParser.Parse(json).Errors), StringComparison.Ordinal);
    }
}
