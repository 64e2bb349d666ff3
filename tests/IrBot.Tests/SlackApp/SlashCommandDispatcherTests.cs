using IrBot.Slack.Payloads;
using IrBot.SlackApp;
using Microsoft.Extensions.Logging.Abstractions;

namespace IrBot.Tests.SlackApp;

public class SlashCommandDispatcherTests
{
    private readonly RecordingSubcommand _ic = new("ic", "`/irbot ic @user` — set the incident commander");
    private readonly RecordingSubcommand _note = new("/note", "`/note text` — add a timeline note");
    private readonly SlashCommandDispatcher _dispatcher;

    public SlashCommandDispatcherTests()
    {
        _dispatcher = new SlashCommandDispatcher([_ic, _note], NullLogger<SlashCommandDispatcher>.Instance);
    }

    private static SlashCommand Command(string command, string text) => new()
    {
        Command = command,
        Text = text,
        UserId = "U1",
        ChannelId = "C1",
    };

    [Theory]
    [InlineData("")]
    [InlineData("help")]
    [InlineData("HELP")]
    public async Task Irbot_alone_or_help_lists_every_command(string text)
    {
        var reply = await _dispatcher.DispatchAsync(Command("/irbot", text), CancellationToken.None);

        Assert.False(reply.InChannel);
        Assert.Contains(_ic.Usage, reply.Text, StringComparison.Ordinal);
        Assert.Contains(_note.Usage, reply.Text, StringComparison.Ordinal);
        Assert.Contains("/irbot help", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("does not know", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_ic.Calls);
        Assert.Empty(_note.Calls);
    }

    [Fact]
    public async Task Unknown_word_gets_help_that_names_the_word()
    {
        var reply = await _dispatcher.DispatchAsync(Command("/irbot", "frobnicate now"), CancellationToken.None);

        Assert.Contains("`frobnicate`", reply.Text, StringComparison.Ordinal);
        Assert.Contains(_ic.Usage, reply.Text, StringComparison.Ordinal);
        Assert.Empty(_ic.Calls);
    }

    [Fact]
    public async Task Unknown_word_is_escaped_in_the_help_reply()
    {
        var reply = await _dispatcher.DispatchAsync(Command("/irbot", "<!channel>"), CancellationToken.None);

        Assert.DoesNotContain("<!channel>", reply.Text, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subcommand_word_is_matched_case_insensitively_and_gets_the_rest_as_arguments()
    {
        var reply = await _dispatcher.DispatchAsync(Command("/irbot", "IC @x"), CancellationToken.None);

        var call = Assert.Single(_ic.Calls);
        Assert.Equal("@x", call.Arguments);
        Assert.Equal("U1", call.UserId);
        Assert.Equal("C1", call.ChannelId);
        Assert.Equal("handled by ic", reply.Text);
    }

    [Fact]
    public async Task Subcommand_without_arguments_gets_empty_arguments()
    {
        await _dispatcher.DispatchAsync(Command("/irbot", "ic"), CancellationToken.None);

        Assert.Equal(string.Empty, Assert.Single(_ic.Calls).Arguments);
    }

    [Fact]
    public async Task Top_level_command_receives_the_whole_text()
    {
        var reply = await _dispatcher.DispatchAsync(Command("/note", "ic was paged at 10:02"), CancellationToken.None);

        Assert.Equal("ic was paged at 10:02", Assert.Single(_note.Calls).Arguments);
        Assert.Empty(_ic.Calls);
        Assert.Equal("handled by /note", reply.Text);
    }

    [Fact]
    public async Task Unknown_top_level_command_is_answered_with_help()
    {
        var reply = await _dispatcher.DispatchAsync(Command("/weather", "94070"), CancellationToken.None);

        Assert.Contains("/weather", reply.Text, StringComparison.Ordinal);
        Assert.Contains(_ic.Usage, reply.Text, StringComparison.Ordinal);
        Assert.Empty(_ic.Calls);
        Assert.Empty(_note.Calls);
    }

    private sealed class RecordingSubcommand(string name, string usage) : ISubcommand
    {
        public string Name => name;

        public string Usage => usage;

        public List<CommandContext> Calls { get; } = [];

        public Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
        {
            Calls.Add(context);
            return Task.FromResult(CommandReply.Ephemeral($"handled by {name}"));
        }
    }
}
