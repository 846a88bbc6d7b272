/**
 * Local language models behind one small contract, {@link io.supportkb.ml.llm.ChatModel}: an OpenAI-compatible
 * chat-completions endpoint on loopback, or Jlama in-process. Nothing here calls an external API.
 */
package io.supportkb.ml.llm;
