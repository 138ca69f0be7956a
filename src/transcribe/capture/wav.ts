// 16-bit mono PCM WAV files: what every engine accepts (pocketsphinx reads the header, OpenAI needs the
// `.wav` extension, Google reads LINEAR16 from it).

/** Wraps s16le mono PCM in a 44-byte RIFF/WAVE header. */
export function toWav(pcm: Buffer, sampleRate = 16000): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + pcm.length, 4);
  h.write('WAVE', 8);
  h.write('fmt ', 12);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([h, pcm]);
}

/** The PCM samples of a WAV written by `toWav` (header skipped), for engines that want raw audio. */
export function toPcmFromWav(wav: Buffer): Buffer {
  const dataAt = wav.indexOf('data', 12, 'latin1');
  return dataAt < 0 ? wav : wav.subarray(dataAt + 8);
}
