using System.Text.Json.Nodes;
using Torchbook.Notebooks.Model;
using Xunit;

namespace Torchbook.Notebooks.Tests;

public sealed class NotebookJsonTests
{
    private const string Sample = """
        {
         "cells": [
          {
           "cell_type": "markdown",
           "id": "intro",
           "metadata": { "custom": { "keep": [1, 2] } },
           "source": ["# Title\n", "text"],
           "attachments": { "a.png": { "image/png": "iVBORw0KGgo=" } }
          },
          {
           "cell_type": "code",
           "execution_count": 3,
           "id": "code1",
           "metadata": { "tags": ["parameters"], "polyglot_notebook": { "kernelName": "csharp" } },
           "outputs": [
            { "name": "stdout", "output_type": "stream", "text": ["a\n", "b\n"] },
            { "data": { "text/plain": ["42"], "application/vnd.plotly.v1+json": { "data": [] } }, "execution_count": 3, "metadata": {}, "output_type": "execute_result" },
            { "data": { "image/svg+xml": "<svg/>" }, "metadata": { "isolated": true }, "output_type": "display_data" },
            { "ename": "E", "evalue": "v", "output_type": "error", "traceback": ["t1", "t2"] }
           ],
           "source": "var x = 42;\nx"
          }
         ],
         "metadata": { "kernelspec": { "name": ".net-csharp" }, "unknown_tool": { "deep": { "value": true } } },
         "nbformat": 4,
         "nbformat_minor": 5,
         "extra_top_level": "kept"
        }
        """;

    [Fact]
    public void Reads_cells_outputs_and_metadata()
    {
        var notebook = NotebookJson.Parse(Sample, "sample.ipynb");
        Assert.Equal(2, notebook.Cells.Count);
        Assert.Equal("# Title\ntext", notebook.Cells[0].Source);
        Assert.Equal("Title", notebook.FirstHeading());
        var code = notebook.Cells[1];
        Assert.True(code.HasTag("parameters"));
        Assert.Equal(3, code.ExecutionCount);
        Assert.Equal("a\nb\n", Assert.IsType<StreamOutput>(code.Outputs[0]).Text);
        var result = Assert.IsType<ExecuteResultOutput>(code.Outputs[1]);
        Assert.Equal("42", result.Data.PlainText);
        Assert.Equal("{\"data\":[]}", result.Data["application/vnd.plotly.v1+json"]);
        Assert.Equal(["t1", "t2"], Assert.IsType<ErrorOutput>(code.Outputs[3]).Traceback);
    }

    [Fact]
    public void Round_trip_keeps_everything_including_unknown_metadata()
    {
        var first = NotebookJson.Serialize(NotebookJson.Parse(Sample, "sample.ipynb"));
        var second = NotebookJson.Serialize(NotebookJson.Parse(first, "again.ipynb"));
        Assert.Equal(first, second);
        var original = JsonNode.Parse(Sample)!;
        var written = JsonNode.Parse(first)!;
        Assert.True(JsonNode.DeepEquals(original["metadata"], written["metadata"]));
        Assert.True(JsonNode.DeepEquals(original["cells"]![0]!["attachments"], written["cells"]![0]!["attachments"]));
        Assert.True(JsonNode.DeepEquals(original["cells"]![1]!["metadata"], written["cells"]![1]!["metadata"]));
        Assert.True(JsonNode.DeepEquals(original["cells"]![1]!["outputs"]![2]!["metadata"], written["cells"]![1]!["outputs"]![2]!["metadata"]));
        Assert.Equal("kept", written["extra_top_level"]!.GetValue<string>());
        Assert.Equal(JsonValueKind(original["cells"]![1]!["outputs"]![1]!["data"]!["application/vnd.plotly.v1+json"]), JsonValueKind(written["cells"]![1]!["outputs"]![1]!["data"]!["application/vnd.plotly.v1+json"]));
    }

    private static System.Text.Json.JsonValueKind JsonValueKind(JsonNode node) => node.GetValueKind();

    [Fact]
    public void Writes_jupyter_layout_lines_and_one_space_indent()
    {
        var text = NotebookJson.Serialize(NotebookJson.Parse(Sample, "sample.ipynb"));
        Assert.Contains("\n \"cells\": [", text);
        Assert.Contains("\"var x = 42;\\n\",", text); // source as an array of lines
        Assert.EndsWith("}\n", text);
    }

    [Fact]
    public void Cells_without_ids_get_ids_in_4_5()
    {
        var notebook = NotebookJson.Parse("""{"cells":[{"cell_type":"code","metadata":{},"source":"1","outputs":[]}],"metadata":{},"nbformat":4,"nbformat_minor":5}""", "x.ipynb");
        var written = JsonNode.Parse(NotebookJson.Serialize(notebook))!;
        Assert.False(string.IsNullOrEmpty(written["cells"]![0]!["id"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("{not json", "is not valid JSON")]
    [InlineData("[1, 2]", "the top level must be an object")]
    [InlineData("{\"cells\": []}", "no integer 'nbformat'")]
    [InlineData("{\"nbformat\": 3, \"worksheets\": []}", "is nbformat 3")]
    [InlineData("{\"nbformat\": 4, \"nbformat_minor\": 5}", "no 'cells' array")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"widget\"}]}", "unknown cell_type 'widget'")]
    public void Malformed_input_names_the_file_and_the_problem(string json, string problem)
    {
        var e = Assert.Throws<NotebookFormatException>(() => NotebookJson.Parse(json, "chapters/bad.ipynb"));
        Assert.StartsWith("chapters/bad.ipynb: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Save_is_atomic_and_leaves_no_temporary_files()
    {
        var dir = Directory.CreateTempSubdirectory("torchbook-json-").FullName;
        try
        {
            var path = Path.Combine(dir, "n.ipynb");
            NotebookJson.Save(NotebookJson.Parse(Sample, "s"), path);
            NotebookJson.Save(NotebookJson.Parse(Sample, "s"), path);
            Assert.Equal(["n.ipynb"], Directory.GetFiles(dir).Select(Path.GetFileName));
            Assert.Equal(2, NotebookJson.Load(path).Cells.Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
