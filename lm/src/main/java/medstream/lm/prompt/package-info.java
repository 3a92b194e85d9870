/**
 * The prompt shapes that training and labeling share, as plain text functions: the multiple-choice question
 * ({@link medstream.lm.prompt.McqPrompt}), the Verification-of-Choice prompts built on it
 * ({@link medstream.lm.prompt.VerificationPrompt}) and the instruction ({@link medstream.lm.prompt.InstructionPrompt}).
 * The trainer's stage-3 rows and the labeler's option-scoring prompts both render through these, so a model tuned on
 * stage-3 tasks is scored on the prompt it was tuned on. A model with a chat template wraps any of them as its user
 * turn ({@link medstream.lm.hf.ChatFormat#userTurn}) and answers in the assistant turn
 * ({@link medstream.lm.hf.ChatFormat#reply}).
 */
package medstream.lm.prompt;
