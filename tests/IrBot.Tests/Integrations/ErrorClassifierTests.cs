using System.Net;
using IrBot.Integrations;
using Refit;

namespace IrBot.Tests.Integrations;

/// <summary>Found by the chaos test: a connection dropped in the middle of an answer's body is an outage, not a mystery.</summary>
public sealed class ErrorClassifierTests
{
    [Fact]
    public async Task An_answer_whose_body_broke_off_after_a_200_is_transient()
    {
        // What Refit throws when the connection drops while it reads the body of a 200: the network error inside.
        var broken = await ApiException.Create(
            "An error occured deserializing the response.",
            new HttpRequestMessage(HttpMethod.Get, "https://jira.example.com/rest/api/3/project/SEC"),
            HttpMethod.Get,
            new HttpResponseMessage(HttpStatusCode.OK),
            new RefitSettings(),
            new HttpRequestException("Error while copying content to a stream.", new IOException("The response ended prematurely.")));

        Assert.True(ErrorClassifier.IsTransient(broken));
    }

    [Fact]
    public async Task A_200_whose_body_is_not_what_we_expect_is_still_not_transient()
    {
        var garbled = await ApiException.Create(
            "An error occured deserializing the response.",
            new HttpRequestMessage(HttpMethod.Get, "https://jira.example.com/rest/api/3/project/SEC"),
            HttpMethod.Get,
            new HttpResponseMessage(HttpStatusCode.OK),
            new RefitSettings(),
            new System.Text.Json.JsonException("'<' is an invalid start of a value."));

        Assert.Equal(ErrorKind.Unknown, ErrorClassifier.Classify(garbled));
    }
}
