package medstream.trainer.scratch;

import java.util.Random;
import medstream.lm.model.CausalLm;
import medstream.lm.model.ModelConfig;
import medstream.lm.train.LmTrainer;
import medstream.lm.train.LrSchedule;
import medstream.lm.train.OptimizerConfig;
import medstream.lm.train.TrainBatch;
import org.junit.jupiter.api.Test;

class ThreadSpeedScratchTest {
    static { if (System.getenv("SCRATCH_THREADS") != null) System.setProperty("ai.djl.pytorch.num_threads", System.getenv("SCRATCH_THREADS")); }
    static double run(int steps) {
        try (CausalLm m = CausalLm.create(ModelConfig.tiny(512), ai.djl.Device.cpu());
             LmTrainer t = new LmTrainer(m, OptimizerConfig.defaults(), LrSchedule.constant(1e-3, 0))) {
            Random r = new Random(1);
            int[][] tok = new int[4][129];
            for (int[] row : tok) for (int i = 0; i < row.length; i++) row[i] = r.nextInt(512);
            t.step(TrainBatch.of(tok));
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) t.step(TrainBatch.of(tok));
            return (System.nanoTime() - t0) / 1e6 / steps;
        }
    }

    @Test
    void measure() throws Exception {
        System.out.println("SCRATCH main ms/step " + run(20));
        double[] other = new double[1];
        Thread th = new Thread(() -> other[0] = run(20));
        th.start(); th.join();
        System.out.println("SCRATCH thread ms/step " + other[0]);
        System.out.println("SCRATCH main again ms/step " + run(20));
        System.out.println("SCRATCH env OMP " + System.getenv("OMP_NUM_THREADS") + " procs " + Runtime.getRuntime().availableProcessors());
    }
}
