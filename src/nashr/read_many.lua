-- A Pandoc custom reader (nashr's read_many.py): the input is JSON, {"reader": FORMAT, "texts": [...]};
-- each text is read with `pandoc.read` as if it were Pandoc's only input (with the command line's reader
-- options: abbreviations such as "al." are among them), its log messages kept apart.
-- The document returned holds one Div per text: its blocks, with the messages as JSON in the
-- `messages` attribute, or no blocks and the reader's failure in `error`.
function Reader(input, options)
  local job = pandoc.json.decode(tostring(input), false)
  local divs = {}
  for _, text in ipairs(job.texts) do
    local ok, logs, read = pcall(pandoc.log.silence, pandoc.read, text, job.reader, options)
    if ok then
      divs[#divs + 1] = pandoc.Div(read.blocks, {messages = pandoc.json.encode(logs)})
    else
      divs[#divs + 1] = pandoc.Div({}, {error = tostring(logs)})
    end
  end
  return pandoc.Pandoc(divs)
end
